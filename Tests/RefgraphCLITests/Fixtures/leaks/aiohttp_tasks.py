"""aiohttp: each request starts a background task kept in a set that is never pruned."""
import asyncio
import sys

import aiohttp
from aiohttp import web

from common import snapshot

CONTROL = "--control" in sys.argv
background_tasks = set()


async def audit(path, payload):
    await asyncio.sleep(0)
    return {"path": path, "size": len(payload), "payload": payload}


async def handle(request):
    payload = await request.read()
    task = asyncio.create_task(audit(request.path, payload))
    background_tasks.add(task)
    if CONTROL:
        task.add_done_callback(background_tasks.discard)
    return web.json_response({"ok": True})


async def main():
    app = web.Application()
    app.router.add_post("/event/{n}", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    async with aiohttp.ClientSession() as session:
        n = 0
        for k in range(4):
            for _ in range(150):
                async with session.post("http://127.0.0.1:%d/event/%d" % (port, n), data=b"x" * 200) as r:
                    await r.read()
                n += 1
            await asyncio.sleep(0.01)
            if k:
                snapshot("aiohttp-%d.rgs" % k, k)
    await runner.cleanup()


asyncio.run(main())
