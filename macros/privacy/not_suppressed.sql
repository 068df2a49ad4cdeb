{% macro not_suppressed(customer_id) -%}
    {{ return(adapter.dispatch('not_suppressed')(customer_id)) }}
{%- endmacro %}

{% macro default__not_suppressed(customer_id) -%}
    {#- A predicate for a where clause: true unless the customer is suppressed after an
        erasure request (int_privacy__suppressed_customers). Null customer ids pass. -#}
    not exists (
        select 1
        from {{ ref('int_privacy__suppressed_customers') }} as suppressed_customers
        where suppressed_customers.customer_id = {{ customer_id }}
    )
{%- endmacro %}
