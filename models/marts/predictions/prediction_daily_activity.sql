{#- One row per customer and day with any activity: counts of the engagement events the
    features use. Aggregating to days first keeps the cutoff joins of prediction_features
    small whatever the event volume. -#}

{%- set counted = {
    'product_views': ['product_viewed'],
    'product_adds': ['product_added'],
    'page_views': ['page_viewed'],
    'emails_sent': ['email_sent'],
    'emails_opened': ['email_opened'],
    'emails_clicked': ['email_clicked'],
    'email_unsubscribes': ['email_unsubscribed'],
    'tickets_opened': ['ticket_opened'],
    'failed_payments': ['payment_failed'],
    'refunds': ['order_refunded']
} %}

with

activities as (

    select * from {{ ref('customer_activities') }}

),

final as (

    select
        cast(activities.customer_id as varchar) as customer_id,
        cast(activities.occurred_at as date) as activity_date,
        cast(count(*) as integer) as activities,
        {%- for column_name, types in counted.items() %}
        cast(
            sum(case when activities.activity_type in ('{{ types | join("', '") }}') then 1 else 0 end)
            as integer
        ) as {{ column_name }}{{ ',' if not loop.last }}
        {%- endfor %}
    from activities
    where
        activities.customer_id is not null
        and activities.occurred_at is not null
    group by
        activities.customer_id,
        cast(activities.occurred_at as date)

)

select * from final
