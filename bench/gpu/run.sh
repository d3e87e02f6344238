#!/usr/bin/env bash
# bench:gpu's measurement, from the kit that `npx tsx bench/gpu/pack.ts` builds into .gpukit, run from the repository
# root: on a GPU machine through the device tool (which has Python and PyTorch but no Node or npm; carry .gpukit), or
# here with --quick on the software adapter. Extra arguments go to bench/gpu/measure.ts (--quick, --out DIR).
set -euo pipefail
KIT=${KIT:-.gpukit}
[ -f "$KIT/measure.mjs" ] || { echo "bench:gpu: no kit in $KIT; build it with: npx tsx bench/gpu/pack.ts" >&2; exit 1; }

# Dawn needs a Vulkan loader, and NVIDIA's Vulkan driver the GL vendor-neutral dispatch: the machine's own; else
# Chromium's loader (this machine); else the kit's Debian packages, unpacked into / as the device tool's README does.
if ! ldconfig -p | grep -q 'libvulkan.so.1 ' || ! ldconfig -p | grep -q 'libGLdispatch.so.0 '; then
  if [ -f /usr/lib/chromium/libvulkan.so.1 ] && ldconfig -p | grep -q 'libGLdispatch.so.0 '; then
    export LD_LIBRARY_PATH=/usr/lib/chromium${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  else
    for f in "$KIT"/deb/*.deb; do dpkg -x "$f" /; done
    ldconfig
  fi
fi
# …and a driver: NVIDIA's where the GPU machines keep it, else SwiftShader's (software, from Chromium).
if [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ]; then
  for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
    if [ -f "$icd" ]; then export VK_DRIVER_FILES=$icd; break; fi
  done
  if [ -z "${VK_DRIVER_FILES:-}" ] && [ -f /usr/lib/chromium/vk_swiftshader_icd.json ]; then
    export VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json
  fi
fi

# The kit's two binaries travel xz-compressed.
unxz_to() { xz -dc "$1" > "$2" 2>/dev/null || python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"; }
dawn=$KIT/node_modules/webgpu/dist/linux-x64/dawn.node
[ -f "$dawn" ] || unxz_to "$dawn.xz" "$dawn"
NODE=$(command -v node || true)
if [ -z "$NODE" ]; then
  unxz_to "$KIT/node.xz" /tmp/reclens-node
  chmod +x /tmp/reclens-node
  NODE=/tmp/reclens-node
fi
echo "bench:gpu: node $("$NODE" --version), Vulkan driver ${VK_DRIVER_FILES:-${VK_ICD_FILENAMES:-system default}}"
exec "$NODE" "$KIT/measure.mjs" --kit "$KIT" --python "${PYTHON:-python3}" --out "${OUT:-bench/out/gpu}" "$@"
