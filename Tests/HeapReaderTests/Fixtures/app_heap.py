"""A small service on a real library for HeapReaderTests: argv[1] names the library (flask,
django, sqlalchemy, aiohttp), argv[2] is the agent's folder and argv[3] the file of its
in-process snapshot, taken once the service has answered a few requests; then it prints
"ready" and waits in select for ever (aiohttp: inside its running event loop, tasks alive)."""

import select
import sys

sys.path.insert(0, sys.argv[2])
import refgraph_agent

LIBRARY, PATH = sys.argv[1], sys.argv[3]


def done():
    refgraph_agent.snapshot(PATH)
    print("ready", flush=True)
    while True:
        select.select([], [], [])


def flask_service():
    import flask

    app = flask.Flask("shop")
    history = []

    @app.route("/item/<int:n>")
    def item(n):
        history.append(flask.request.path)
        return flask.jsonify(n=n, name="item %d" % n)

    client = app.test_client()
    for n in range(20):
        client.get("/item/%d" % n)
    return app, history


def django_service():
    import django
    from django.conf import settings

    settings.configure(
        DEBUG=True, SECRET_KEY="fixture", ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"],
        INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    )
    django.setup()
    from django.http import JsonResponse
    from django.test import Client
    from django.urls import path

    def item(request, n):
        return JsonResponse({"n": n})

    global urlpatterns
    urlpatterns = [path("item/<int:n>", item)]
    client = Client()
    for n in range(20):
        client.get("/item/%d" % n)
    return client


def sqlalchemy_service():
    from sqlalchemy import ForeignKey, String, create_engine, select as query
    from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

    class Base(DeclarativeBase):
        pass

    class Customer(Base):
        __tablename__ = "customer"
        id: Mapped[int] = mapped_column(primary_key=True)
        name: Mapped[str] = mapped_column(String(30))
        orders = relationship("Order", back_populates="customer")

    class Order(Base):
        __tablename__ = "orders"
        id: Mapped[int] = mapped_column(primary_key=True)
        customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
        customer = relationship("Customer", back_populates="orders")

    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    session = Session(engine)
    for n in range(20):
        session.add(Customer(name="c%d" % n, orders=[Order(), Order()]))
    session.commit()
    customers = session.scalars(query(Customer)).all()
    return engine, session, customers, [c.orders for c in customers]


def aiohttp_service():
    import asyncio

    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    async def item(request):
        return web.json_response({"n": request.match_info["n"]})

    async def main():
        app = web.Application()
        app.router.add_get("/item/{n}", item)
        client = TestClient(TestServer(app))
        await client.start_server()
        for n in range(20):
            response = await client.get("/item/%d" % n)
            await response.json()
        sleepers = [asyncio.ensure_future(asyncio.sleep(3600)) for _ in range(5)]
        await asyncio.sleep(0)
        done()
        return sleepers

    asyncio.run(main())


service = {"flask": flask_service, "django": django_service, "sqlalchemy": sqlalchemy_service,
           "aiohttp": aiohttp_service}[LIBRARY]()
done()
