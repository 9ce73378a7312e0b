"""moto_server, one request at a time, with transactions that cost what DynamoDB's cost.

moto's own server handles requests on many threads, and its TransactWriteItems rolls a failed
transaction back by restoring a copy of the whole table: two transactions on different threads can
then interleave and undo each other's writes, which DynamoDB never does. Serving one request at a
time keeps every request atomic, as DynamoDB's are.

That copy is also taken before every transaction, so each one costs time in proportion to the
table's size (a table of 30,000 items makes every webhook slow). Here a transaction instead
remembers the items it writes and puts them back if it fails: the same outcome, at the cost of
the items it touches. Usage: serial_moto_server.py -H HOST -p PORT
"""
import argparse
import os
import signal
import sys
import threading

from werkzeug.serving import run_simple
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app


def remember_touched_items_instead_of_copying_tables():
    import copy
    import moto.dynamodb.models as models
    from moto.dynamodb.models.table import Table

    class TablesNotCopied:
        """moto.dynamodb.models' view of the copy module: tables are not copied, the rest is."""

        def __getattr__(self, name):
            return getattr(copy, name)

        @staticmethod
        def deepcopy(value, memo=None):
            return value if isinstance(value, Table) else copy.deepcopy(value, memo)

    original = models.DynamoDBBackend.transact_write_items

    def transact_write_items(self, transact_items):
        undo = []
        put, delete, update = self.put_item, self.delete_item, self.update_item

        def remember(table_name, key):
            current = self.get_item(table_name, key)
            undo.append((table_name, key, copy.deepcopy(current.to_json()["Attributes"]) if current else None))

        def key_of(table_name, attributes):
            table = self.get_table(table_name)
            key = {table.hash_key_attr: attributes[table.hash_key_attr]}
            if table.range_key_attr is not None:
                key[table.range_key_attr] = attributes[table.range_key_attr]
            return key

        self.put_item = lambda table_name, item, *a, **kw: (remember(table_name, key_of(table_name, item)),
                                                             put(table_name, item, *a, **kw))[1]
        self.delete_item = lambda table_name, key, *a, **kw: (remember(table_name, key),
                                                               delete(table_name, key, *a, **kw))[1]
        self.update_item = lambda table_name, key, *a, **kw: (remember(table_name, key),
                                                               update(table_name, key, *a, **kw))[1]
        models.copy = TablesNotCopied()
        try:
            return original(self, transact_items)
        except Exception:
            for table_name, key, before in reversed(undo):
                if before is None:
                    delete(table_name, key)
                else:
                    put(table_name, before)
            raise
        finally:
            del self.put_item, self.delete_item, self.update_item
            models.copy = copy

    models.DynamoDBBackend.transact_write_items = transact_write_items


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args()
    os.environ.setdefault("MOTO_PORT", str(args.port))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))

    remember_touched_items_instead_of_copying_tables()
    app = DomainDispatcherApplication(create_backend_app)
    lock = threading.Lock()

    def one_at_a_time(environ, start_response):
        with lock:
            return list(app(environ, start_response))

    run_simple(args.host, args.port, one_at_a_time, threaded=True)


if __name__ == "__main__":
    main()
