"""moto_server for the benchmark: one request at a time, and a TransactWriteItems whose rollback
copies only the items the transaction names.

moto 5 deep-copies the whole table for every item of a TransactWriteItems, so that it can restore
the table if the transaction fails. A transaction then costs time in proportion to the table: with
about 1,500 people in the table a four-item transaction took some 600 ms, and a 10,000-webhook burst
would take hours. DynamoDB's cost does not grow with the table, so the benchmark patches that one
step: before a transaction, each item it names (at most 100) is copied; if the transaction fails,
exactly those items are put back, so it stays all or nothing. Requests are served one at a time, as
in testkit's serial_moto_server.py, so no other request sees a half-applied transaction.

Usage: bench_moto_server.py -H HOST -p PORT
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


dynamodb_models.copy = _TablesByReference()
DynamoDBBackend.transact_write_items = transact_write_items


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
