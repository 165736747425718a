#!/usr/bin/env bash
# Install the notebook environment into notebooks/.venv (or the folder given): the pinned requirements, from the
# package index pip is configured for (a machine whose pip config names only extra indexes, such as a local mirror,
# gets the first of them as its index, so pip never reaches for another).
#
#   notebooks/setup.sh && notebooks/.venv/bin/python -m jupyter ...     (or open the notebooks in your own Jupyter)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${1:-$here/.venv}"
python3 -m venv "$venv"
index=()
extra="$(python3 -m pip config get global.extra-index-url 2>/dev/null || true)"
if [[ -n "$extra" ]] && ! python3 -m pip config get global.index-url >/dev/null 2>&1; then
  read -r -a urls <<<"$extra"
  index=(--index-url "${urls[0]}")
  for u in "${urls[@]:1}"; do index+=(--extra-index-url "$u"); done
fi
"$venv/bin/pip" install -q "${index[@]}" -r "$here/requirements.txt"
echo "notebook environment: $venv" >&2
