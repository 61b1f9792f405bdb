#!/usr/bin/env bash
# The browser the dashboard's tests drive (DashboardIT): Debian's headless-capable Chromium and its
# chromedriver, from the distribution's packages (Selenium uses /usr/bin/chromedriver and never
# downloads a driver or a browser). Idempotent: does nothing when both are installed.
# Needs root (or sudo) the first time. LAUNCHPLAN_CHROMIUM / LAUNCHPLAN_CHROMEDRIVER point the tests elsewhere.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
sudo=""
[[ $(id -u) -eq 0 ]] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium chromium-driver >/dev/null
chromium --version
chromedriver --version
