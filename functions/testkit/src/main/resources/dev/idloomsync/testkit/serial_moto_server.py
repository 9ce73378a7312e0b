"""moto_server as the tests, the local runner and the benchmark use it: one request at a time, and
two costs that grow with the table in moto 5 made independent of it, as they are in DynamoDB.

- One request at a time: moto's own server handles requests on many threads, and its
  TransactWriteItems rolls a failed transaction back by restoring a copy of the whole table, so two
  transactions on different threads can interleave and undo each other's writes, which DynamoDB
  never does. Served one at a time, every request is atomic, as DynamoDB's are.
- TransactWriteItems: moto deep-copies the whole table for every item of a transaction, so that it
  can restore the table if the transaction fails (with about 1,500 people in the table a four-item
  transaction took some 600 ms). Here each item the transaction names (at most 100) is copied
  instead; if the transaction fails, exactly those items are put back, so it stays all or nothing.
- Query on the table's key: moto sorts every item of the table, then keeps those of the partition
  asked for. Here it looks at that partition's items only (same items, same order). Queries on an
  index are left as they are.

Usage: serial_moto_server.py -H HOST -p PORT
"""
import argparse
import copy
import os
import signal
import sys
import threading

from werkzeug.serving import run_simple
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
import moto.dynamodb.models as dynamodb_models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table


class _TablesByReference:
    """Stands in for the copy module inside moto's DynamoDB backend: a table is not copied (its
    touched items are, below); everything else is copied as before."""

    @staticmethod
    def deepcopy(value, memo=None):
        if isinstance(value, Table):
            return value
        return copy.deepcopy(value, memo)

    def __getattr__(self, name):
        return getattr(copy, name)


_transact_write_items = DynamoDBBackend.transact_write_items


def _key(table, operation):
    source = operation["Item"] if "Item" in operation else operation["Key"]
    hash_value = DynamoType(source[table.hash_key_attr])
    range_value = DynamoType(source[table.range_key_attr]) if table.range_key_attr else None
    return hash_value, range_value


def _current(table, hash_value, range_value):
    if range_value is None:
        return table.items.get(hash_value)
    return table.items.get(hash_value, {}).get(range_value)


def _restore(table, hash_value, range_value, item):
    if range_value is None:
        if item is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = item
        return
    if item is None:
        items = table.items.get(hash_value)
        if items is not None:
            items.pop(range_value, None)
            if not items:
                table.items.pop(hash_value, None)
    else:
        table.items[hash_value][range_value] = item


def transact_write_items(self, transact_items):
    saved = []
    for entry in transact_items:
        _, operation = next(iter(entry.items()))
        table = self.tables.get(operation.get("TableName"))
        if table is None:
            continue
        try:
            hash_value, range_value = _key(table, operation)
        except (KeyError, TypeError, AttributeError):
            continue  # a malformed request: moto's own code answers it
        saved.append((table, hash_value, range_value, copy.deepcopy(_current(table, hash_value, range_value))))
    try:
        return _transact_write_items(self, transact_items)
    except Exception:
        for table, hash_value, range_value, item in reversed(saved):
            _restore(table, hash_value, range_value, item)
        raise


_query = Table.query
_all_items = Table.all_items
_one_partition = threading.local()


def _items_of_one_partition(self):
    hash_key = getattr(_one_partition, "hash_key", None)
    if hash_key is None:
        return _all_items(self)
    partition = self.items.get(hash_key)
    if partition is None:
        return []
    items = list(partition.values()) if self.range_key_attr else [partition]
    return sorted(items, key=lambda x: (x.hash_key, x.range_key) if x.range_key else x.hash_key)


def query(self, hash_key, *args, **kwargs):
    index_name = kwargs.get("index_name", args[6] if len(args) > 6 else None)
    if index_name is not None or hash_key is None:
        return _query(self, hash_key, *args, **kwargs)
    _one_partition.hash_key = hash_key
    try:
        return _query(self, hash_key, *args, **kwargs)
    finally:
        _one_partition.hash_key = None


dynamodb_models.copy = _TablesByReference()
DynamoDBBackend.transact_write_items = transact_write_items
Table.query = query
Table.all_items = _items_of_one_partition


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args()
    os.environ.setdefault("MOTO_PORT", str(args.port))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))

    app = DomainDispatcherApplication(create_backend_app)
    lock = threading.Lock()

    def one_at_a_time(environ, start_response):
        with lock:
            return list(app(environ, start_response))

    run_simple(args.host, args.port, one_at_a_time, threaded=True)


if __name__ == "__main__":
    main()
