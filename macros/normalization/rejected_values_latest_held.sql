{% macro rejected_values_latest_held(model_name) -%}
    {#- SQL of the latest raw load time an incremental rejected-values model holds a value of
        for one staging model (1900-01-01 when none): where stg_quality__rejected_event_values
        and stg_quality__rejected_record_values start reading that model's raw table. -#}
    (
        select coalesce(max(held.loaded_at), cast('1900-01-01' as {{ dbt.type_timestamp() }}))
        from {{ this }} as held
        where held.model_name = '{{ model_name }}'
    )
{%- endmacro %}
