{% macro delete_where(relation, condition) -%}
    {{ return(adapter.dispatch('delete_where')(relation, condition)) }}
{%- endmacro %}

{% macro default__delete_where(relation, condition) -%}
    {#- The statement that deletes the rows of relation for which condition is true. -#}
    delete from {{ relation }} where {{ condition }}
{%- endmacro %}

{% macro spark__delete_where(relation, condition) -%}
    {#- Plain parquet tables cannot delete rows, and Spark will not overwrite a table it reads
        in the same statement: the rows kept (condition false or null) are written to a side
        table, the relation is overwritten from it, and the statement returned drops the side
        table. Runs its statements when rendered (in a hook, that is when the hook runs). -#}
    {%- set side = relation.incorporate(path={'identifier': relation.identifier ~ '__dbt_delete_where'}) -%}
    {%- call statement('delete_where_side_drop') -%}
        drop table if exists {{ side }}
    {%- endcall -%}
    {%- call statement('delete_where_side') -%}
        create table {{ side }} using parquet as
        select * from {{ relation }}
        where not coalesce(({{ condition }}), false)
    {%- endcall -%}
    {%- call statement('delete_where_overwrite') -%}
        insert overwrite table {{ relation }}
        select * from {{ side }}
    {%- endcall -%}
    drop table if exists {{ side }}
{%- endmacro %}
