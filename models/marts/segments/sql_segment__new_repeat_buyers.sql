{#- A hand-written segment (the escape hatch for what YAML cannot say): customers whose second
    order was placed in the last 30 days, i.e. who just went from first-time to repeat buyer.
    Shape: one row per customer_id; registered in cdp_segments with `sql_model:`. -#}

{%- set as_of = var('cdp_segments_as_of', none) %}

with

activities as (

    select * from {{ ref('customer_activities') }}

),

as_of as (

    select cast({{ segment_as_of(ref('customer_activities'), as_of) }} as timestamp) as as_of_at

),

orders as (

    select
        activities.customer_id,
        activities.occurred_at,
        row_number() over (
            partition by activities.customer_id
            order by activities.occurred_at, activities.activity_id
        ) as order_sequence
    from activities
    cross join as_of
    where
        activities.activity_type = 'order_placed'
        -- a cancelled order was never a purchase (customer_metrics counts orders alike)
        and coalesce(activities.status, '') not in ('cancelled', 'voided')
        and activities.occurred_at <= as_of.as_of_at

),

final as (

    select orders.customer_id
    from orders
    cross join as_of
    where
        orders.order_sequence = 2
        and orders.occurred_at > {{ dbt.dateadd('day', -30, 'as_of.as_of_at') }}

)

select * from final
