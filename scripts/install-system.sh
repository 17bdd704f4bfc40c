#!/usr/bin/env bash
# Install the system programs the project needs, only those missing:
# install-system.sh [venv] [graphviz] [libreoffice] [chromium] [postgresql]
set -eu
want=("$@")
missing=()
has_font() { fc-list 2>/dev/null | grep -qi "Liberation Sans"; }
# Bookman Old Style (a Tata Naskah choice) is a Windows font: URW Bookman (ITC Bookman metrics) stands in.
has_bookman() { fc-list 2>/dev/null | grep -qi "URW Bookman"; }
for item in "${want[@]}"; do
  case "$item" in
    venv) python3 -c "import ensurepip, venv" >/dev/null 2>&1 || missing+=(python3-venv) ;;
    graphviz) command -v dot >/dev/null 2>&1 || missing+=(graphviz)
              has_font || missing+=(fonts-liberation2) ;;
    libreoffice) command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
                 command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
                 has_font || missing+=(fonts-liberation2)
                 has_bookman || missing+=(fonts-urw-base35) ;;
    chromium) [ -x /usr/bin/chromium ] || missing+=(chromium) ;;  # the web tests' real browser
    postgresql) compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null 2>&1 \
                  || missing+=(postgresql) ;;  # the workspace tests start a private server of their own
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
echo "Memasang paket sistem yang belum ada: $pkgs" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo -n"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Tidak ada apt-get di mesin ini: pasang sendiri paket berikut lalu ulangi: $pkgs" >&2
  exit 1
fi
if { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $pkgs; } >/dev/null; then
  exit 0
fi
echo "Gagal memasang $pkgs. Jalankan sebagai root: apt-get install $pkgs (atau minta admin memasangnya), lalu ulangi." >&2
exit 1
