"""Pages of the workbench: staff pages (``staff``), the case's steps (``steps``), letters and
exports (``documents``), and the public form and status page (``public``)."""
