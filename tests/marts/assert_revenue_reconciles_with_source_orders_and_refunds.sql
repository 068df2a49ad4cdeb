{{ config(enabled=var('cdp_using_shop', true)) }}
{#- Revenue in customer_metrics reconciles with the source systems: recomputed straight from
    staging (shop orders not cancelled or voided, in-store purchases with a loyalty card,
    successful refunds of those orders; up to the metrics' as-of day; converted the same way;
    without suppressed customers), orders, gross revenue and refunds must equal the sums over
    customer_metrics. Returns a row per measure that differs. -#}

{%- set reporting_currency = var('cdp_reporting_currency', 'USD') | upper %}

with

metrics as (

    select * from {{ ref('customer_metrics') }}

),

record_map as (

    select * from {{ ref('int_identity__record_map') }}

),

suppressed_customers as (

    select * from {{ ref('int_privacy__suppressed_customers') }}

),

fx_rates as (

    select * from {{ ref('fx_rates') }}

),

shop_orders as (

    select * from {{ ref('stg_shop__orders') }}

),

as_of as (

    select
        cast({{ dbt.dateadd('day', 1, 'max(metrics.as_of_date)') }} as timestamp)
            as window_end_at
    from metrics

),

reporting_rate as (

    select fx_rates.usd_per_unit from fx_rates
    where fx_rates.currency = '{{ reporting_currency }}'

),

source_orders as (

    -- one row per order even if a loader delivered it twice
    select
        shop_orders.order_id,
        max(shop_orders.total_amount) as total_amount,
        max(shop_orders.currency) as currency,
        max(shop_orders.ordered_at) as ordered_at
    from shop_orders
    where
        not coalesce(shop_orders.is_cancelled, false)
        and coalesce(shop_orders.financial_status, '') <> 'voided'
    group by shop_orders.order_id

),

counted_orders as (

    select
        source_orders.order_id,
        record_map.customer_id,
        source_orders.total_amount as amount,
        source_orders.currency
    from source_orders
    cross join as_of
    inner join record_map
        on
            record_map.source_name = 'shop_orders'
            and source_orders.order_id = record_map.record_id
    where source_orders.ordered_at < as_of.window_end_at

),

{% if var('cdp_using_pos', true) -%}
    store_purchases as (

        select
            transactions.transaction_id as order_id,
            max(record_map.customer_id) as customer_id,
            max(transactions.total_amount) as amount,
            max(transactions.currency) as currency
        from {{ ref('stg_pos__transactions') }} as transactions
        cross join as_of
        inner join record_map
            on
                record_map.source_name = 'pos_loyalty_members'
                and transactions.loyalty_card_number = record_map.record_id
        where transactions.transacted_at < as_of.window_end_at
        group by transactions.transaction_id

    ),
{%- else -%}
    store_purchases as (

        select * from counted_orders where 1 = 0

    ),
{%- endif %}

{% if var('cdp_using_payments', true) -%}
    refunds as (

        select
            refunds.refund_id as order_id,
            max(counted_orders.customer_id) as customer_id,
            max(refunds.amount) as amount,
            max(coalesce(refunds.currency, charges.currency)) as currency
        from {{ ref('stg_payments__refunds') }} as refunds
        cross join as_of
        inner join {{ ref('stg_payments__charges') }} as charges
            on refunds.charge_id = charges.charge_id
        inner join counted_orders
            on charges.order_id = counted_orders.order_id
        where
            coalesce(refunds.status, 'succeeded') not in ('failed', 'canceled', 'cancelled')
            and refunds.created_at < as_of.window_end_at
        group by refunds.refund_id

    ),
{%- else -%}
    refunds as (

        select * from counted_orders where 1 = 0

    ),
{%- endif %}

source_money as (

    select
        'order' as kind,
        counted_orders.customer_id,
        counted_orders.amount,
        counted_orders.currency
    from counted_orders
    union all
    select
        'order' as kind,
        store_purchases.customer_id,
        store_purchases.amount,
        store_purchases.currency
    from store_purchases
    union all
    select
        'refund' as kind,
        refunds.customer_id,
        refunds.amount,
        refunds.currency
    from refunds

),

converted as (

    -- converted per row and rounded to cents, as customer_metrics does
    select
        source_money.kind,
        round(source_money.amount * fx_rates.usd_per_unit / reporting_rate.usd_per_unit, 2)
            as amount
    from source_money
    cross join reporting_rate
    left outer join fx_rates
        on source_money.currency = fx_rates.currency
    where
        not exists (
            select 1 from suppressed_customers
            where suppressed_customers.customer_id = source_money.customer_id
        )

),

source_totals as (

    select
        count(case when converted.kind = 'order' then 1 end) as orders_count,
        sum(case when converted.kind = 'order' then converted.amount else 0 end) as gross_revenue,
        sum(case when converted.kind = 'refund' then converted.amount else 0 end) as refunded_amount
    from converted

),

mart_totals as (

    select
        sum(metrics.orders_count) as orders_count,
        sum(metrics.gross_revenue) as gross_revenue,
        sum(metrics.refunded_amount) as refunded_amount
    from metrics

),

compared as (

    {% for measure in ['orders_count', 'gross_revenue', 'refunded_amount'] %}
        select
            '{{ measure }}' as measure,
            source_totals.{{ measure }} as from_sources,
            mart_totals.{{ measure }} as in_marts
        from source_totals
        cross join mart_totals
        {{ 'union all' if not loop.last }}
    {% endfor %}

)

select *
from compared
where abs(coalesce(from_sources, 0) - coalesce(in_marts, 0)) > 0.001
