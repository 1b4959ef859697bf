"""The records and the archive: the database (models, migrations) and `<archive>/<YYYY>/<REG>/`."""
