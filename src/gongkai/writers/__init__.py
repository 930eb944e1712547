"""Writers: a ``Report`` into the national layout as HTML, PDF, DOCX, XLSX, Markdown and JSON."""
