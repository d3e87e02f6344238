"""One process, or many under torchrun: the process group (gloo on CPU, nccl on GPU), this process's rank and device.
torchrun sets RANK/WORLD_SIZE/LOCAL_RANK; without them training runs single-process with no process group at all."""
import os
from dataclasses import dataclass

import torch
import torch.distributed as dist


@dataclass
class Dist:
    rank: int = 0
    world: int = 1
    device: torch.device = torch.device('cpu')

    @property
    def main(self):
        return self.rank == 0

    @property
    def active(self):
        return self.world > 1


def setup(device=None):
    """device: 'cpu', 'cuda' or None (cuda when available)."""
    want = device or ('cuda' if torch.cuda.is_available() else 'cpu')
    world = int(os.environ.get('WORLD_SIZE', '1'))
    if world <= 1:
        return Dist(0, 1, torch.device(want))
    rank = int(os.environ['RANK'])
    local = int(os.environ.get('LOCAL_RANK', '0'))
    if want == 'cuda':
        torch.cuda.set_device(local)
        dev = torch.device('cuda', local)
    else:
        dev = torch.device('cpu')
    if not dist.is_initialized():
        dist.init_process_group('nccl' if want == 'cuda' else 'gloo')
    return Dist(rank, world, dev)


def broadcast_flag(d, value):
    """Rank 0's boolean, on every rank (early stopping is decided where validation runs)."""
    if not d.active:
        return value
    t = torch.tensor([1 if value else 0], dtype=torch.int64, device=d.device)
    dist.broadcast(t, 0)
    return bool(t.item())


def all_sum(d, value):
    """The sum of a number over ranks (the batch's targets, split unevenly between ranks)."""
    if not d.active:
        return value
    t = torch.tensor([value], dtype=torch.float64, device=d.device)
    dist.all_reduce(t)
    return t.item()


def all_mean(d, value):
    """The mean of a float over ranks (the step's loss as one number)."""
    if not d.active:
        return value
    t = torch.tensor([value], dtype=torch.float64, device=d.device)
    dist.all_reduce(t)
    return t.item() / d.world


def teardown(d):
    if d.active and dist.is_initialized():
        dist.barrier()
        dist.destroy_process_group()
