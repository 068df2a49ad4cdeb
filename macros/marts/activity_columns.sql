{% macro activity_columns() -%}
    {#- The common shape of an activity: column name -> data type, in order. -#}
    {{ return({
        'activity_id': dbt.type_string(),
        'activity_type': dbt.type_string(),
        'occurred_at': 'timestamp',
        'received_at': 'timestamp',
        'source_name': dbt.type_string(),
        'record_source_name': dbt.type_string(),
        'record_id': dbt.type_string(),
        'fallback_record_source_name': dbt.type_string(),
        'fallback_record_id': dbt.type_string(),
        'anonymous_id': dbt.type_string(),
        'amount': 'decimal(18, 2)',
        'currency': dbt.type_string(),
        'product_id': dbt.type_string(),
        'order_id': dbt.type_string(),
        'quantity': 'integer',
        'channel': dbt.type_string(),
        'campaign_id': dbt.type_string(),
        'page_path': dbt.type_string(),
        'store_id': dbt.type_string(),
        'status': dbt.type_string(),
        'detail': dbt.type_string()
    }) }}
{%- endmacro %}
