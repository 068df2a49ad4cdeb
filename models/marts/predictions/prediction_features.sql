{#- One row per cutoff and customer known by then (any activity up to the cutoff day):
    the features of the predictive models, computed only from what happened up to the end
    of the cutoff day, so any cutoff can be rebuilt and nothing leaks from after it.
    `days_ago` = whole days between an event's day and the cutoff day (0 = that day). -#}

{%- set daily_windows = {
    'product_views': [30, 90],
    'product_adds': [30],
    'page_views': [30],
    'emails_sent': [90],
    'emails_opened': [90],
    'emails_clicked': [90],
    'tickets_opened': [365],
    'failed_payments': [90],
    'refunds': [365]
} %}

with

cutoffs as (

    select * from {{ ref('prediction_cutoffs') }}

),

purchases as (

    select * from {{ ref('prediction_purchases') }}

),

daily_activity as (

    select * from {{ ref('prediction_daily_activity') }}

),

customers as (

    select * from {{ ref('customers') }}

),

purchases_before as (

    select
        cutoffs.cutoff_date,
        purchases.customer_id,
        purchases.amount,
        purchases.is_online,
        purchases.days_since_previous_purchase,
        {{ dbt.datediff('cast(purchases.purchased_at as date)', 'cutoffs.cutoff_date', 'day') }}
            as days_ago
    from purchases
    inner join cutoffs
        on purchases.purchased_at < cutoffs.cutoff_at

),

purchase_stats as (

    select
        purchases_before.cutoff_date,
        purchases_before.customer_id,
        count(*) as orders_count,
        {%- for days in [30, 90, 365] %}
            sum(case when purchases_before.days_ago < {{ days }} then 1 else 0 end)
                as orders_{{ days }}d,
        {%- endfor %}
        sum(case when purchases_before.is_online then 1 else 0 end) as online_orders_count,
        sum(purchases_before.amount) as revenue_total,
        {%- for days in [90, 365] %}
            sum(
                case
                    when purchases_before.days_ago < {{ days }} then purchases_before.amount else 0
                end
            )
                as revenue_{{ days }}d,
        {%- endfor %}
        avg(purchases_before.amount) as average_order_value,
        max(purchases_before.amount) as max_order_value,
        min(purchases_before.days_ago) as days_since_last_order,
        max(purchases_before.days_ago) as days_since_first_order,
        avg(purchases_before.days_since_previous_purchase) as average_days_between_orders,
        stddev_samp(purchases_before.days_since_previous_purchase) as stddev_days_between_orders
    from purchases_before
    group by
        purchases_before.cutoff_date,
        purchases_before.customer_id

),

activity_before as (

    select
        cutoffs.cutoff_date,
        daily_activity.*,
        {{ dbt.datediff('daily_activity.activity_date', 'cutoffs.cutoff_date', 'day') }}
            as days_ago
    from daily_activity
    inner join cutoffs
        on daily_activity.activity_date <= cutoffs.cutoff_date

),

activity_stats as (

    select
        activity_before.cutoff_date,
        activity_before.customer_id,
        max(activity_before.days_ago) as tenure_days,
        min(activity_before.days_ago) as days_since_last_activity,
        sum(case when activity_before.days_ago < 30 then 1 else 0 end) as active_days_30d,
        sum(case when activity_before.days_ago < 90 then 1 else 0 end) as active_days_90d,
        {%- for column_name, windows in daily_windows.items() %}
            {%- for days in windows %}
                sum(
                    case
                        when
                            activity_before.days_ago < {{ days }}
                            then activity_before.{{ column_name }}
                        else
                            0
                    end
                )
                    as {{ column_name }}_{{ days }}d,
            {%- endfor %}
        {%- endfor %}
        min(case when activity_before.product_views > 0 then activity_before.days_ago end)
            as days_since_last_product_view,
        min(case when activity_before.emails_opened > 0 then activity_before.days_ago end)
            as days_since_last_email_open,
        max(case when activity_before.unsubscribes > 0 then 1 else 0 end) as has_unsubscribed
    from activity_before
    group by
        activity_before.cutoff_date,
        activity_before.customer_id

),

combined as (

    select
        activity_stats.*,
        coalesce(purchase_stats.orders_count, 0) as orders_count,
        {%- for days in [30, 90, 365] %}
            coalesce(purchase_stats.orders_{{ days }}d, 0) as orders_{{ days }}d,
        {%- endfor %}
        coalesce(purchase_stats.online_orders_count, 0) as online_orders_count,
        coalesce(purchase_stats.revenue_total, 0) as revenue_total,
        coalesce(purchase_stats.revenue_90d, 0) as revenue_90d,
        coalesce(purchase_stats.revenue_365d, 0) as revenue_365d,
        purchase_stats.average_order_value,
        purchase_stats.max_order_value,
        purchase_stats.days_since_last_order,
        purchase_stats.days_since_first_order,
        purchase_stats.average_days_between_orders,
        purchase_stats.stddev_days_between_orders
    from activity_stats
    inner join customers
        on activity_stats.customer_id = customers.customer_id
    left outer join purchase_stats
        on
            activity_stats.cutoff_date = purchase_stats.cutoff_date
            and activity_stats.customer_id = purchase_stats.customer_id

),

rfm_scored as (

    -- the RFM baseline: quintile scores 1-5 among the cutoff's buyers (as customer_metrics)
    select
        combined.cutoff_date,
        combined.customer_id,
        cast(1 + least(4, floor(5 * percent_rank() over (
            partition by combined.cutoff_date order by combined.days_since_last_order desc
        ))) as integer) as recency_score,
        cast(1 + least(4, floor(5 * percent_rank() over (
            partition by combined.cutoff_date order by combined.orders_count
        ))) as integer) as frequency_score,
        cast(1 + least(4, floor(5 * percent_rank() over (
            partition by combined.cutoff_date order by combined.revenue_total
        ))) as integer) as monetary_score
    from combined
    where combined.orders_count > 0

),

final as (

    select
        cast(combined.cutoff_date as date) as cutoff_date,
        cast(combined.customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(combined.tenure_days as integer) as tenure_days,
        cast(combined.days_since_last_activity as integer) as days_since_last_activity,
        cast(combined.active_days_30d as integer) as active_days_30d,
        cast(combined.active_days_90d as integer) as active_days_90d,
        cast(combined.orders_count as integer) as orders_count,
        {%- for days in [30, 90, 365] %}
            cast(combined.orders_{{ days }}d as integer) as orders_{{ days }}d,
        {%- endfor %}
        cast(combined.online_orders_count as integer) as online_orders_count,
        cast(combined.revenue_total as decimal(18, 2)) as revenue_total,
        cast(combined.revenue_90d as decimal(18, 2)) as revenue_90d,
        cast(combined.revenue_365d as decimal(18, 2)) as revenue_365d,
        cast(combined.average_order_value as decimal(18, 2)) as average_order_value,
        cast(combined.max_order_value as decimal(18, 2)) as max_order_value,
        cast(combined.days_since_last_order as integer) as days_since_last_order,
        cast(combined.days_since_first_order as integer) as days_since_first_order,
        cast(combined.average_days_between_orders as {{ type_double() }})
            as average_days_between_orders,
        cast(combined.stddev_days_between_orders as {{ type_double() }})
            as stddev_days_between_orders,
        cast(
            case
                when combined.average_days_between_orders > 0
                    then combined.days_since_last_order / combined.average_days_between_orders
            end as {{ type_double() }}
        ) as overdue_ratio,
        {%- for column_name, windows in daily_windows.items() %}
            {%- for days in windows %}
                cast(combined.{{ column_name }}_{{ days }}d as integer)
                    as {{ column_name }}_{{ days }}d,
            {%- endfor %}
        {%- endfor %}
        cast(combined.days_since_last_product_view as integer) as days_since_last_product_view,
        cast(combined.days_since_last_email_open as integer) as days_since_last_email_open,
        combined.has_unsubscribed = 1 as has_unsubscribed,
        rfm_scored.recency_score,
        rfm_scored.frequency_score,
        rfm_scored.monetary_score,
        cast(
            rfm_scored.recency_score
            + rfm_scored.frequency_score
            + rfm_scored.monetary_score as integer
        )
            as rfm_score
    from combined
    left outer join rfm_scored
        on
            combined.cutoff_date = rfm_scored.cutoff_date
            and combined.customer_id = rfm_scored.customer_id

)

select * from final
