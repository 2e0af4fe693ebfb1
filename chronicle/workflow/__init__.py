"""The writer's day-to-day tools around the build: new entries, the check review, packing a site."""
