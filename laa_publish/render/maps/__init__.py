"""Static SVG maps: each level's shapes projected once a build, then filled per map by strings."""
