{#- One row per customer and day with any activity: counts of the engagement events the
    features use. Aggregating to days first keeps the cutoff joins of prediction_features
    small whatever the event volume. -#}

{%- set counted = {
    'product_views': 'product_viewed',
    'product_adds': 'product_added',
    'page_views': 'page_viewed',
    'emails_sent': 'email_sent',
    'emails_opened': 'email_opened',
    'emails_clicked': 'email_clicked',
    'unsubscribes': 'email_unsubscribed',
    'tickets_opened': 'ticket_opened',
    'failed_payments': 'payment_failed',
    'refunds': 'order_refunded'
} %}

with

events as (

    select * from {{ ref('customer_activities') }}

),

final as (

    select
        cast(events.customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(events.occurred_at as date) as activity_date,
        {%- for column_name, activity_type in counted.items() %}
            count(case when events.activity_type = '{{ activity_type }}' then 1 end)
                as {{ column_name }},
        {%- endfor %}
        cast(count(*) as integer) as activities
    from events
    where
        events.customer_id is not null
        and events.occurred_at is not null
    group by
        events.customer_id,
        cast(events.occurred_at as date)

)

select * from final
