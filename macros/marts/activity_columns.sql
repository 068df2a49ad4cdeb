{% macro activity_columns() -%}
    {#- The common shape of an activity: column name -> data type, in order. -#}
    {{ return({
        'activity_id': 'varchar',
        'activity_type': 'varchar',
        'occurred_at': 'timestamp',
        'received_at': 'timestamp',
        'source_name': 'varchar',
        'record_source_name': 'varchar',
        'record_id': 'varchar',
        'fallback_record_source_name': 'varchar',
        'fallback_record_id': 'varchar',
        'anonymous_id': 'varchar',
        'amount': 'decimal(18, 2)',
        'currency': 'varchar',
        'product_id': 'varchar',
        'order_id': 'varchar',
        'quantity': 'integer',
        'channel': 'varchar',
        'campaign_id': 'varchar',
        'page_path': 'varchar',
        'store_id': 'varchar',
        'status': 'varchar',
        'detail': 'varchar'
    }) }}
{%- endmacro %}
