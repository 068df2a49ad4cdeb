"""Python side of the warehouse-native CDP: data generator, loader, evaluation, reverse ETL."""

__version__ = "0.1.0"
