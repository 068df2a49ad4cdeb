{% macro spark_delete_insert_sql(source, target, unique_key, incremental_predicates=none) -%}
    {#- delete+insert for a plain parquet table, which Spark can neither delete from nor
        merge into: the rows to keep (no new row shares their unique_key, or they fail an
        incremental predicate) and the new rows are written to a side table, the target is
        overwritten from it, and the statement returned drops the side table. The same
        rows as dbt's delete+insert elsewhere, at the price of rewriting the table. -#}
    {%- if unique_key is none -%}
        {{ exceptions.raise_compiler_error("delete+insert needs a unique_key (" ~ target ~ ")") }}
    {%- endif -%}
    {%- set keys = [unique_key] if unique_key is string else unique_key -%}
    {%- set side = target.incorporate(path={'identifier': target.identifier ~ '__dbt_delete_insert'}) -%}
    {%- set columns = adapter.get_columns_in_relation(target) | map(attribute='quoted') | join(', ') -%}
    {%- call statement('delete_insert_side_drop') -%}
        drop table if exists {{ side }}
    {%- endcall -%}
    {%- call statement('delete_insert_side') -%}
        create table {{ side }} using parquet as
        select {{ columns }}
        from {{ target }} as DBT_INTERNAL_DEST
        where not (
            exists (
                select 1
                from {{ source }} as DBT_INTERNAL_SOURCE
                where
                    {%- for key in keys %}
                    DBT_INTERNAL_SOURCE.{{ key }} = DBT_INTERNAL_DEST.{{ key }}{{ ' and' if not loop.last }}
                    {%- endfor %}
            )
            {%- for predicate in incremental_predicates or [] %}
            and ({{ predicate }})
            {%- endfor %}
        )
        union all
        select {{ columns }}
        from {{ source }}
    {%- endcall -%}
    {%- call statement('delete_insert_overwrite') -%}
        insert overwrite table {{ target }}
        select {{ columns }} from {{ side }}
    {%- endcall -%}
    drop table if exists {{ side }}
{%- endmacro %}
