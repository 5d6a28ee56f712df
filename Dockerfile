# The platform's image: one image for the web server, the worker and beat.

# Front-end assets: GOV.UK Frontend and htmx from npm, compiled once here.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY static/src static/src
RUN npm run --silent build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=scr_platform.settings
WORKDIR /app
# Tesseract and its English data read scanned reports (collation/pdf/ocr.py).
RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --uid 1000 scr
COPY pyproject.toml README.md ./
COPY scr_platform scr_platform
COPY collation collation
COPY quality_markers quality_markers
COPY alliance alliance
COPY masterclasses masterclasses
RUN pip install --no-cache-dir .
COPY . .
COPY --from=assets /build/static/dist static/dist
# collectstatic needs settings but no secrets or database.
RUN DJANGO_SECRET_KEY=build-only DJANGO_DEBUG=false python manage.py collectstatic --no-input -v0 \
    && mkdir -p /app/var/media && chown -R scr /app/var
USER scr
EXPOSE 8000
CMD ["gunicorn", "scr_platform.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
