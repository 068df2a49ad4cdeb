{#- No mart holds a customer that int_privacy__suppressed_customers lists. -#}

{%- set marts = [
    'customers', 'customer_contact_points', 'customer_identities', 'customer_activities',
    'customer_metrics', 'customer_consent', 'bi_customers'
] %}

with

suppressed_customers as (

    select * from {{ ref('int_privacy__suppressed_customers') }}

),

found as (

    {% for mart in marts %}
        select
            '{{ mart }}' as mart_name,
            {{ mart }}_rows.customer_id
        from {{ ref(mart) }} as {{ mart }}_rows
        inner join suppressed_customers
            on {{ mart }}_rows.customer_id = suppressed_customers.customer_id
        {{ 'union all' if not loop.last }}
    {% endfor %}

)

select * from found
