{% macro dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) -%}
    {#- Overrides dbt-spark's check, which knows append, insert_overwrite and merge (Delta,
        Iceberg, Hudi only): the project's incremental models use delete+insert, which
        spark_delete_insert_sql provides for plain parquet tables. Everything else is
        dbt-spark's own check (its plugin macros are reached through the `dbt`
        namespace, which the project's override does not shadow). -#}
    {%- if raw_strategy == 'delete+insert' -%}
        {{ return(raw_strategy) }}
    {%- endif -%}
    {{ return(dbt.dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format)) }}
{%- endmacro %}
