"""Times the PyTorch BERT encoder of bert_onnx.py (ours) on a Hugging Face folder: token ids to the device, forward,
mean pool over the mask and read back to the host, the work RecLens's embedding does after tokenizing. For bench/gpu:
the same token ids and weights as the TF.js side, which compares the pooled rows this writes to its own.

Usage: python3 bench/reference/bert_time.py MODEL_DIR IDS_I32 BATCH SEQ REPS DEVICE [POOLED_OUT_F32]
Prints one JSON line: tokens/s per repetition; writes the pooled rows (float32, [batch, hidden]) when asked."""
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bert_onnx import Bert, read_safetensors  # noqa: E402

model_dir, ids_path, batch, seq, reps, device = sys.argv[1:7]
batch, seq, reps, device = int(batch), int(seq), int(reps), torch.device(device)
config = json.load(open(os.path.join(model_dir, 'config.json')))
model = Bert(config)
model.load_hf(read_safetensors(os.path.join(model_dir, 'model.safetensors')))
model = model.to(device).eval()
host_ids = torch.from_numpy(np.fromfile(ids_path, dtype=np.int32).reshape(batch, seq)).long()


def pooled():
    with torch.no_grad():
        # The ids go to the device inside the timing, as the TF.js side uploads its input tensors.
        ids = host_ids.to(device)
        mask = torch.ones_like(ids)
        hidden = model(ids, mask, torch.zeros_like(ids))
        m = mask.unsqueeze(-1).float()
        # .cpu() waits for the kernels: each timing covers finished work, as the TF.js side's read-back does.
        return ((hidden * m).sum(1) / m.sum(1)).cpu().numpy()


out = pooled()
pooled()
rates = []
for _ in range(reps):
    t0 = time.perf_counter()
    pooled()
    rates.append(batch * seq / (time.perf_counter() - t0))
report = {'torch': torch.__version__, 'device': device.type, 'threads': torch.get_num_threads(),
          'gpu': torch.cuda.get_device_name(device) if device.type == 'cuda' else None, 'tokensPerSec': rates}
if len(sys.argv) > 7:
    out.astype(np.float32).tofile(sys.argv[7])
print(json.dumps(report))
