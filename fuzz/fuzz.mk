# fuzz targets (filled in later)
