{#- One row per purchase that counts: online orders neither cancelled nor voided, and
    store purchases, with the amount in the reporting currency (var cdp_reporting_currency,
    fixed rates of seed fx_rates) and the days since the customer's previous purchase.
    Refunds are not netted: a refund is a later event than the purchase it reverses. -#}

{%- set reporting_currency = var('cdp_reporting_currency', 'USD') | upper %}

with

activities as (

    select * from {{ ref('customer_activities') }}

),

fx_rates as (

    select * from {{ ref('fx_rates') }}

),

reporting_rate as (

    select fx_rates.usd_per_unit
    from fx_rates
    where fx_rates.currency = '{{ reporting_currency }}'

),

purchases as (

    select
        activities.activity_id,
        activities.customer_id,
        activities.order_id,
        activities.occurred_at,
        activities.activity_type = 'order_placed' as is_online,
        round(
            coalesce(activities.amount, 0) * coalesce(fx_rates.usd_per_unit, 0)
            / reporting_rate.usd_per_unit,
            2
        ) as amount
    from activities
    cross join reporting_rate
    left outer join fx_rates
        on activities.currency = fx_rates.currency
    where
        activities.customer_id is not null
        and (
            activities.activity_type = 'store_purchase'
            or (
                activities.activity_type = 'order_placed'
                and coalesce(activities.status, '') not in ('cancelled', 'voided')
            )
        )

),

sequenced as (

    select
        purchases.*,
        lag(purchases.occurred_at) over (
            partition by purchases.customer_id
            order by purchases.occurred_at, purchases.activity_id
        ) as previous_purchased_at
    from purchases

),

final as (

    select
        cast(sequenced.activity_id as {{ dbt.type_string() }}) as purchase_id,
        cast(sequenced.customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(sequenced.order_id as {{ dbt.type_string() }}) as order_id,
        cast(sequenced.occurred_at as timestamp) as purchased_at,
        cast(sequenced.is_online as boolean) as is_online,
        cast(sequenced.amount as decimal(18, 2)) as amount,
        cast(
            {{ dbt.datediff('sequenced.previous_purchased_at', 'sequenced.occurred_at', 'day') }}
            as integer
        ) as days_since_previous_purchase
    from sequenced

)

select * from final
