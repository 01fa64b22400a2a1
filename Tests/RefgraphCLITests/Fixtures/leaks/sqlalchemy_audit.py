"""SQLAlchemy: an audit listener registered per request and never removed, and a cache of
customers whose orders lists keep growing."""
import sys

from sqlalchemy import ForeignKey, String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from common import drive

CONTROL = "--control" in sys.argv


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customer"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    orders: Mapped[list["Order"]] = relationship(back_populates="customer")


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    item: Mapped[str] = mapped_column(String(50))
    customer: Mapped[Customer] = relationship(back_populates="orders")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([Customer(id=i, name="c%d" % i) for i in range(20)])
    s.commit()


class RequestAudit:
    def __init__(self, request_id):
        self.request_id = request_id
        self.statements = []

    def on_execute(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.append(statement)


customer_cache = {}
cache_session = Session(engine, expire_on_commit=False)


def step(i):
    audit = RequestAudit(i)
    event.listen(engine, "before_cursor_execute", audit.on_execute)
    with Session(engine) as s:
        s.execute(select(Customer).where(Customer.id == i % 20)).scalars().all()
    if CONTROL:
        event.remove(engine, "before_cursor_execute", audit.on_execute)
        return
    cid = i % 20
    customer = customer_cache.get(cid)
    if customer is None:
        customer = cache_session.get(Customer, cid)
        customer_cache[cid] = customer
    customer.orders.append(Order(item="order-%d" % i))


drive("sqlalchemy", step, 600)
