"""What every trainer shares, one module each: seeding (``seeding``), atomic checkpoints (``checkpoint``),
resumable fitting (``loop``), periodic callbacks (``callbacks``), the run folder's files (``layout``).

The package itself imports nothing: reading a run's files (``layout``, ``record``, ``archive_checks``) must not
wait seconds for Keras, which the studio's page and ``genlab runs list`` would otherwise do.
"""
