{#- One row per customer: purchase, revenue, RFM, email engagement, support, tenure, churn
    risk and loyalty figures as of one day (var cdp_as_of_date, else the day of the latest
    activity), so the same data always gives the same numbers. Windows (30/90/365 days)
    end with the as-of day; activities after it are ignored. Money is in the reporting
    currency (var cdp_reporting_currency) at the fixed rates of seed fx_rates. -#}

{%- set as_of_date = var('cdp_as_of_date', none) %}
{%- set reporting_currency = var('cdp_reporting_currency', 'USD') | upper %}
{%- set windows = [30, 90, 365] %}

with

customers as (

    select * from {{ ref('customers') }}

),

activities as (

    select * from {{ ref('customer_activities') }}

),

fx_rates as (

    select * from {{ ref('fx_rates') }}

),

{% if var('cdp_using_pos', true) -%}
    loyalty_members as (

        select * from {{ ref('stg_pos__loyalty_members') }}

    ),

    record_map as (

        select * from {{ ref('int_identity__record_map') }}

    ),

    loyalty as (

        select
            record_map.customer_id,
            sum(loyalty_members.points_balance) as loyalty_points_balance,
            max(
                case loyalty_members.tier
                    when 'gold' then 3
                    when 'silver' then 2
                    when 'bronze' then 1
                end
            ) as loyalty_tier_rank
        from loyalty_members
        inner join record_map
            on
                record_map.source_name = 'pos_loyalty_members'
                and loyalty_members.loyalty_card_number = record_map.record_id
        group by record_map.customer_id

    ),
{%- else %}
    loyalty as (

        select
            cast(null as {{ dbt.type_string() }}) as customer_id,
            cast(null as integer) as loyalty_points_balance,
            cast(null as integer) as loyalty_tier_rank
        where 1 = 0

    ),
{%- endif %}

as_of as (

    select
        as_of_day.as_of_date,
        cast({{ dbt.dateadd('day', 1, 'as_of_day.as_of_date') }} as timestamp) as window_end_at
    from (
        {%- if as_of_date %}
            select cast('{{ as_of_date }}' as date) as as_of_date
        {%- else %}
            select cast(max(activities.occurred_at) as date) as as_of_date
            from activities
        {%- endif %}
    ) as as_of_day

),

reporting_rate as (

    select fx_rates.usd_per_unit
    from fx_rates
    where fx_rates.currency = '{{ reporting_currency }}'

),

windowed as (

    -- activities up to the as-of day, money converted, flagged by window
    select
        activities.customer_id,
        activities.activity_type,
        activities.occurred_at,
        activities.order_id,
        activities.campaign_id,
        activities.status,
        activities.detail,
        {%- for days in windows %}
            activities.occurred_at >= {{ dbt.dateadd('day', -days, 'as_of.window_end_at') }}
                as is_within_{{ days }}d,
        {%- endfor %}
        cast(
            round(activities.amount * fx_rates.usd_per_unit / reporting_rate.usd_per_unit, 2)
            as decimal(18, 2)
        ) as reporting_amount
    from activities
    cross join as_of
    cross join reporting_rate
    left outer join fx_rates
        on activities.currency = fx_rates.currency
    where
        activities.customer_id is not null
        and activities.occurred_at < as_of.window_end_at

),

orders as (

    -- online orders that were not cancelled or voided, and store purchases
    select windowed.*
    from windowed
    where
        windowed.activity_type = 'store_purchase'
        or (
            windowed.activity_type = 'order_placed'
            and coalesce(windowed.status, '') not in ('cancelled', 'voided')
        )

),

refunds as (

    -- refunds of orders that count; a refund of a cancelled order was never revenue
    select windowed.*
    from windowed
    where
        windowed.activity_type = 'order_refunded'
        and exists (
            select 1 from orders
            where
                orders.order_id = windowed.order_id
                and orders.activity_type = 'order_placed'
        )

),

order_stats as (

    select
        orders.customer_id,
        count(*) as orders_count,
        sum(case when orders.activity_type = 'order_placed' then 1 else 0 end)
            as online_orders_count,
        sum(case when orders.activity_type = 'store_purchase' then 1 else 0 end)
            as store_purchases_count,
        {%- for days in windows %}
            sum(case when orders.is_within_{{ days }}d then 1 else 0 end) as orders_{{ days }}d,
            sum(case when orders.is_within_{{ days }}d then orders.reporting_amount else 0 end)
                as gross_revenue_{{ days }}d,
        {%- endfor %}
        sum(orders.reporting_amount) as gross_revenue,
        min(orders.occurred_at) as first_order_at,
        max(orders.occurred_at) as last_order_at
    from orders
    group by orders.customer_id

),

refund_stats as (

    select
        refunds.customer_id,
        {%- for days in windows %}
            sum(case when refunds.is_within_{{ days }}d then refunds.reporting_amount else 0 end)
                as refunded_{{ days }}d,
        {%- endfor %}
        sum(refunds.reporting_amount) as refunded_amount
    from refunds
    group by refunds.customer_id

),

email_stats as (

    select
        windowed.customer_id,
        sum(case when windowed.activity_type = 'email_sent' then 1 else 0 end) as emails_sent,
        count(distinct case
            when windowed.activity_type = 'email_opened' then windowed.campaign_id
        end) as emails_opened,
        count(distinct case
            when windowed.activity_type = 'email_clicked' then windowed.campaign_id
        end) as emails_clicked,
        sum(case
            when windowed.activity_type = 'email_sent' and windowed.is_within_90d then 1 else 0
        end) as emails_sent_90d,
        count(distinct case
            when windowed.activity_type = 'email_opened' and windowed.is_within_90d
                then windowed.campaign_id
        end) as emails_opened_90d,
        count(distinct case
            when windowed.activity_type = 'email_clicked' and windowed.is_within_90d
                then windowed.campaign_id
        end) as emails_clicked_90d
    from windowed
    where windowed.activity_type in ('email_sent', 'email_opened', 'email_clicked')
    group by windowed.customer_id

),

support_stats as (

    select
        windowed.customer_id,
        count(*) as tickets_count,
        sum(case when windowed.is_within_90d then 1 else 0 end) as tickets_90d,
        sum(case when windowed.status = 'open' then 1 else 0 end) as open_tickets,
        sum(case
            when windowed.status = 'open' and windowed.detail in ('high', 'urgent') then 1 else 0
        end) as open_high_priority_tickets
    from windowed
    where windowed.activity_type = 'ticket_opened'
    group by windowed.customer_id

),

payment_stats as (

    select
        windowed.customer_id,
        sum(case when windowed.is_within_30d then 1 else 0 end) as failed_payments_30d
    from windowed
    where windowed.activity_type = 'payment_failed'
    group by windowed.customer_id

),

combined as (

    select
        customers.customer_id,
        as_of.as_of_date,
        coalesce(order_stats.orders_count, 0) as orders_count,
        coalesce(order_stats.online_orders_count, 0) as online_orders_count,
        coalesce(order_stats.store_purchases_count, 0) as store_purchases_count,
        {%- for days in windows %}
            coalesce(order_stats.orders_{{ days }}d, 0) as orders_{{ days }}d,
            coalesce(order_stats.gross_revenue_{{ days }}d, 0)
            - coalesce(refund_stats.refunded_{{ days }}d, 0) as net_revenue_{{ days }}d,
        {%- endfor %}
        coalesce(order_stats.gross_revenue, 0) as gross_revenue,
        coalesce(refund_stats.refunded_amount, 0) as refunded_amount,
        coalesce(order_stats.gross_revenue, 0) - coalesce(refund_stats.refunded_amount, 0)
            as lifetime_value,
        order_stats.first_order_at,
        order_stats.last_order_at,
        {{ dbt.datediff('cast(order_stats.last_order_at as date)', 'as_of.as_of_date', 'day') }}
            as days_since_last_order,
        case
            when order_stats.orders_count > 1
                then cast({{ dbt.datediff(
                    'order_stats.first_order_at', 'order_stats.last_order_at', 'day'
                ) }} as decimal(18, 2)) / (order_stats.orders_count - 1)
        end as average_days_between_orders,
        coalesce(email_stats.emails_sent, 0) as emails_sent,
        coalesce(email_stats.emails_opened, 0) as emails_opened,
        coalesce(email_stats.emails_clicked, 0) as emails_clicked,
        coalesce(email_stats.emails_sent_90d, 0) as emails_sent_90d,
        coalesce(email_stats.emails_opened_90d, 0) as emails_opened_90d,
        coalesce(email_stats.emails_clicked_90d, 0) as emails_clicked_90d,
        case
            when email_stats.emails_sent_90d > 0
                then least(1.0, 1.0 * email_stats.emails_opened_90d / email_stats.emails_sent_90d)
        end as open_rate_90d,
        coalesce(support_stats.tickets_count, 0) as tickets_count,
        coalesce(support_stats.tickets_90d, 0) as tickets_90d,
        coalesce(support_stats.open_tickets, 0) as open_tickets,
        coalesce(support_stats.open_high_priority_tickets, 0) as open_high_priority_tickets,
        coalesce(payment_stats.failed_payments_30d, 0) as failed_payments_30d,
        {{ dbt.datediff('cast(customers.first_seen_at as date)', 'as_of.as_of_date', 'day') }}
            as tenure_days,
        loyalty.loyalty_points_balance,
        case loyalty.loyalty_tier_rank
            when 3 then 'gold'
            when 2 then 'silver'
            when 1 then 'bronze'
        end as loyalty_tier
    from customers
    cross join as_of
    left outer join order_stats
        on customers.customer_id = order_stats.customer_id
    left outer join refund_stats
        on customers.customer_id = refund_stats.customer_id
    left outer join email_stats
        on customers.customer_id = email_stats.customer_id
    left outer join support_stats
        on customers.customer_id = support_stats.customer_id
    left outer join payment_stats
        on customers.customer_id = payment_stats.customer_id
    left outer join loyalty
        on customers.customer_id = loyalty.customer_id

),

rfm_scored as (

    -- quintile scores 1-5 among buyers by percent rank, so ties share a score
    select
        combined.customer_id,
        cast(1 + least(4, floor(5 * percent_rank() over (
            order by combined.days_since_last_order desc
        ))) as integer) as recency_score,
        cast(1 + least(4, floor(5 * percent_rank() over (
            order by combined.orders_count
        ))) as integer) as frequency_score,
        cast(1 + least(4, floor(5 * percent_rank() over (
            order by combined.lifetime_value
        ))) as integer) as monetary_score
    from combined
    where combined.orders_count > 0

),

final as (

    select
        cast(combined.customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(combined.as_of_date as date) as as_of_date,
        cast('{{ reporting_currency }}' as {{ dbt.type_string() }}) as currency,
        cast(combined.orders_count as integer) as orders_count,
        cast(combined.online_orders_count as integer) as online_orders_count,
        cast(combined.store_purchases_count as integer) as store_purchases_count,
        {%- for days in windows %}
            cast(combined.orders_{{ days }}d as integer) as orders_{{ days }}d,
        {%- endfor %}
        cast(combined.gross_revenue as decimal(18, 2)) as gross_revenue,
        cast(combined.refunded_amount as decimal(18, 2)) as refunded_amount,
        cast(combined.lifetime_value as decimal(18, 2)) as lifetime_value,
        {%- for days in windows %}
            cast(combined.net_revenue_{{ days }}d as decimal(18, 2)) as net_revenue_{{ days }}d,
        {%- endfor %}
        cast(case
            when combined.orders_count > 0
                then round(combined.lifetime_value / combined.orders_count, 2)
        end as decimal(18, 2)) as average_order_value,
        cast(combined.first_order_at as timestamp) as first_order_at,
        cast(combined.last_order_at as timestamp) as last_order_at,
        cast(combined.days_since_last_order as integer) as days_since_last_order,
        cast(round(combined.average_days_between_orders, 1) as decimal(10, 1))
            as average_days_between_orders,
        rfm_scored.recency_score,
        rfm_scored.frequency_score,
        rfm_scored.monetary_score,
        cast(
            cast(rfm_scored.recency_score as {{ dbt.type_string() }})
            || cast(rfm_scored.frequency_score as {{ dbt.type_string() }})
            || cast(rfm_scored.monetary_score as {{ dbt.type_string() }})
            as {{ dbt.type_string() }}
        ) as rfm_score,
        cast(case
            when rfm_scored.customer_id is null then 'no_purchase'
            when combined.orders_count = 1 and combined.days_since_last_order <= 30 then 'new'
            when rfm_scored.recency_score >= 4 and rfm_scored.frequency_score >= 4 then 'champions'
            when
                rfm_scored.recency_score = 1 and rfm_scored.frequency_score >= 4
                and rfm_scored.monetary_score >= 4
                then 'cant_lose'
            when rfm_scored.recency_score <= 2 and rfm_scored.frequency_score >= 3 then 'at_risk'
            when rfm_scored.recency_score >= 3 and rfm_scored.frequency_score >= 3 then 'loyal'
            when rfm_scored.recency_score >= 4 then 'potential_loyalist'
            when rfm_scored.recency_score = 3 then 'need_attention'
            when rfm_scored.recency_score = 2 then 'hibernating'
            else 'lost'
        end as {{ dbt.type_string() }}) as rfm_segment,
        cast(combined.emails_sent as integer) as emails_sent,
        cast(combined.emails_opened as integer) as emails_opened,
        cast(combined.emails_clicked as integer) as emails_clicked,
        cast(combined.emails_sent_90d as integer) as emails_sent_90d,
        cast(combined.emails_opened_90d as integer) as emails_opened_90d,
        cast(combined.emails_clicked_90d as integer) as emails_clicked_90d,
        cast(round(combined.open_rate_90d, 4) as decimal(6, 4)) as open_rate_90d,
        cast(combined.tickets_count as integer) as tickets_count,
        cast(combined.tickets_90d as integer) as tickets_90d,
        cast(combined.open_tickets as integer) as open_tickets,
        cast(combined.open_high_priority_tickets as integer) as open_high_priority_tickets,
        cast(combined.failed_payments_30d as integer) as failed_payments_30d,
        cast(case when combined.tenure_days < 0 then 0 else combined.tenure_days end as integer)
            as tenure_days,
        cast(case
            when combined.orders_count = 0 then null
            when combined.days_since_last_order > 180 then 'high'
            when
                combined.average_days_between_orders is not null
                and combined.days_since_last_order > 60
                and combined.days_since_last_order > 3 * combined.average_days_between_orders
                then 'high'
            when combined.days_since_last_order > 90 then 'medium'
            when combined.open_high_priority_tickets > 0 then 'medium'
            when combined.failed_payments_30d > 0 then 'medium'
            else 'low'
        end as {{ dbt.type_string() }}) as churn_risk,
        cast(combined.loyalty_points_balance as integer) as loyalty_points_balance,
        cast(combined.loyalty_tier as {{ dbt.type_string() }}) as loyalty_tier
    from combined
    left outer join rfm_scored
        on combined.customer_id = rfm_scored.customer_id

)

select * from final
