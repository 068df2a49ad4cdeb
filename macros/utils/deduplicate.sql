{% macro deduplicate(relation, partition_by, order_by) -%}
    {{ return(adapter.dispatch('deduplicate')(relation, partition_by, order_by)) }}
{%- endmacro %}

{% macro default__deduplicate(relation, partition_by, order_by) -%}
    {#- A select of the relation (a ref, source or CTE name) keeping one row per
        partition_by, the first by order_by; the rank column `_dedup_row_number` is left on
        the rows. Duplicates are rare (a loader's second delivery), so only the keys seen
        more than once, and null keys, go through the row_number window: ranking every row
        of a large event table costs several times more than grouping its keys, and the
        rest pass through an anti-join. A partition_by of several columns is ranked whole.
        Null keys are a branch of their own, not an `or` beside the exists: PostgreSQL
        plans an exists under `or` as a subquery run for every row. -#}
    {%- set columns = partition_by.split(',') | map('trim') | list %}
    {%- if columns | length > 1 %}
        {{ deduplicate_by_window(relation, partition_by, order_by) }}
    {%- else %}
        {%- set key = columns[0] %}
        {%- set repeated_keys -%}
            (
                select repeated.{{ key }}
                from {{ relation }} as repeated
                where repeated.{{ key }} is not null
                group by repeated.{{ key }}
                having count(*) > 1
            )
        {%- endset %}
        select single.*, 1 as _dedup_row_number
        from {{ relation }} as single
        where
            single.{{ key }} is not null
            and not exists (
                select 1 from {{ repeated_keys }} as repeated_keys
                where repeated_keys.{{ key }} = single.{{ key }}
            )

        union all

        {% set candidates -%}
            (
                select candidate.*
                from {{ relation }} as candidate
                where
                    exists (
                        select 1 from {{ repeated_keys }} as repeated_keys
                        where repeated_keys.{{ key }} = candidate.{{ key }}
                    )

                union all

                select candidate.*
                from {{ relation }} as candidate
                where candidate.{{ key }} is null
            )
        {%- endset %}
        {{ deduplicate_by_window(candidates, key, order_by) }}
    {%- endif %}
{%- endmacro %}

{% macro deduplicate_by_window(relation, partition_by, order_by) -%}
    {#- deduplicate by a row_number window over every row of the relation. -#}
    select ranked.*
    from (
        select
            numbered.*,
            row_number() over (partition by {{ partition_by }} order by {{ order_by }}) as _dedup_row_number
        from {{ relation }} as numbered
    ) as ranked
    where ranked._dedup_row_number = 1
{%- endmacro %}
