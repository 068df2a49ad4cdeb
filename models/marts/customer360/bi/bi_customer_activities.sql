{#- One row per activity, for BI: customer_activities without the device and source record
    keys (anonymous_id, record ids), which identify a browser or an account. -#}

with

customer_activities as (

    select * from {{ ref('customer_activities') }}

),

final as (

    select
        customer_activities.activity_id,
        customer_activities.customer_id,
        customer_activities.activity_type,
        customer_activities.occurred_at,
        customer_activities.source_name,
        customer_activities.amount,
        customer_activities.currency,
        customer_activities.product_id,
        customer_activities.order_id,
        customer_activities.quantity,
        customer_activities.channel,
        customer_activities.campaign_id,
        customer_activities.page_path,
        customer_activities.store_id,
        customer_activities.status
    from customer_activities

)

select * from final
