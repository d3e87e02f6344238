"""`python3 -m reclens_torch.torchrun …`: torchrun itself (torch.distributed.run, same flags), with one fix for the
pairing CI has, Debian 12's torch 1.13 on Python 3.11. There every plain `torchrun` fails before starting a worker
('NoneType' object has no attribute 'get'): Std.from_str looks its value up by iterating the IntFlag, and Python 3.11
no longer iterates the zero member NONE nor the combined ALL, so the default `--redirects 0 --tee 0` reads as None.
Newer torch does not need this; the flags and environment (RANK, WORLD_SIZE, …) are torchrun's own."""
import re
import sys

from torch.distributed.elastic.multiprocessing import api
from torch.distributed.run import main


def _from_str(vm):
    if re.fullmatch(r'\d', vm):
        return api.Std(int(vm))
    if re.fullmatch(r'(\d:\d,)*\d:\d', vm):
        return {int(i): api.Std(int(v)) for i, v in (m.split(':') for m in vm.split(','))}
    raise ValueError(f'{vm} does not match <digit> or <rank:digit,…>')


api.Std.from_str = staticmethod(_from_str)

if __name__ == '__main__':
    sys.exit(main())
