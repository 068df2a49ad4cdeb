{% macro dbt_spark_get_incremental_sql(strategy, source, target, existing, unique_key, incremental_predicates) -%}
    {#- Overrides dbt-spark's strategy switch to add delete+insert (spark_delete_insert_sql);
        the other strategies are dbt-spark's own (its plugin macros are reached through
        the `dbt` namespace, which the project's override does not shadow). -#}
    {%- if strategy == 'delete+insert' -%}
        {{ return(spark_delete_insert_sql(source, target, unique_key, incremental_predicates)) }}
    {%- endif -%}
    {{ return(dbt.dbt_spark_get_incremental_sql(strategy, source, target, existing, unique_key, incremental_predicates)) }}
{%- endmacro %}
