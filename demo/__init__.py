"""The demo region: `generate` makes the people as plain data (deterministic for a seed and a day),
`load` writes them through the actions; `python manage.py load_demo` runs both."""
