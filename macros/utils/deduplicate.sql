{% macro deduplicate(relation, partition_by, order_by) -%}
    {{ return(adapter.dispatch('deduplicate')(relation, partition_by, order_by)) }}
{%- endmacro %}

{% macro default__deduplicate(relation, partition_by, order_by) -%}
    {#- A select of the relation (a ref, source or CTE name) keeping one row per
        partition_by, the first by order_by. Written with row_number in a subquery, which
        both engines run; the rank column `_dedup_row_number` is left on the rows. -#}
    select ranked.*
    from (
        select
            numbered.*,
            row_number() over (partition by {{ partition_by }} order by {{ order_by }}) as _dedup_row_number
        from {{ relation }} as numbered
    ) as ranked
    where ranked._dedup_row_number = 1
{%- endmacro %}
