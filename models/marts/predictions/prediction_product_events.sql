{#- One row per product a customer interacted with: products of their online orders
    (purchased, the order is the basket) and products they viewed or added to a cart (the
    customer's day is the basket). The input of the recommendations. -#}

with

activities as (

    select * from {{ ref('customer_activities') }}

),

{% if var('cdp_using_shop', true) -%}
    order_lines as (

        select * from {{ ref('stg_shop__order_lines') }}

    ),

    purchased as (

        select
            activities.customer_id,
            order_lines.product_id,
            'purchased' as interaction_type,
            'order:' || activities.order_id as basket_id,
            activities.occurred_at
        from activities
        inner join order_lines
            on activities.order_id = order_lines.order_id
        where
            activities.activity_type = 'order_placed'
            and coalesce(activities.status, '') not in ('cancelled', 'voided')

    ),
{%- else %}
purchased as (

    select
        cast(null as {{ dbt.type_string() }}) as customer_id,
        cast(null as {{ dbt.type_string() }}) as product_id,
        cast(null as {{ dbt.type_string() }}) as interaction_type,
        cast(null as {{ dbt.type_string() }}) as basket_id,
        cast(null as timestamp) as occurred_at
    where 1 = 0

),
{%- endif %}

browsed as (

    select
        activities.customer_id,
        activities.product_id,
        case activities.activity_type
            when 'product_added' then 'added'
            else 'viewed'
        end as interaction_type,
        'day:'
        || activities.customer_id
        || ':'
        || cast(cast(activities.occurred_at as date) as {{ dbt.type_string() }})
            as basket_id,
        activities.occurred_at
    from activities
    where
        activities.activity_type in ('product_viewed', 'product_added')
        and activities.product_id is not null

),

unioned as (

    select * from purchased
    union all
    select * from browsed

),

final as (

    select
        cast(unioned.customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(unioned.product_id as {{ dbt.type_string() }}) as product_id,
        cast(unioned.interaction_type as {{ dbt.type_string() }}) as interaction_type,
        cast(unioned.basket_id as {{ dbt.type_string() }}) as basket_id,
        cast(unioned.occurred_at as timestamp) as occurred_at
    from unioned
    where
        unioned.customer_id is not null
        and unioned.product_id is not null
        and unioned.occurred_at is not null

)

select * from final
