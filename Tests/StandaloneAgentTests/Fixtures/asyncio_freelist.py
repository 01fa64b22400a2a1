"""An asyncio program with a freed future iterator on _asyncio's freelist when the snapshot
is taken, then a full collection: on 3.12, gc.get_referents(_asyncio) hands out the freed
iterators and dropping them frees them twice (CPython gh-122695), so the collection after
the snapshot loops for ever. Usage: asyncio_freelist.py SNAPSHOT"""
import asyncio
import gc
import json
import sys

import refgraph_agent


async def work():
    return 1


async def main():
    done = asyncio.ensure_future(work())
    await done
    iter(done)
    refgraph_agent.snapshot(sys.argv[1])
    gc.collect()


asyncio.run(main())
gc.collect()
print(json.dumps({"collected": True}))
