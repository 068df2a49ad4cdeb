{#- One row per cutoff and customer of prediction_features: what happened after the
    cutoff day, the targets the models learn. A label is null when its window reaches past
    the as-of day (not yet known). Only these labels read events after a cutoff. -#}

{%- set config = predictions_config() %}
{%- set horizons = {
    'propensity': config.propensity_days | int,
    'churn': config.churn_days | int,
    'value': config.value_days | int
} %}
{%- set longest = horizons.values() | max %}

with

cutoffs as (

    select * from {{ ref('prediction_cutoffs') }}

),

features as (

    select * from {{ ref('prediction_features') }}

),

purchases as (

    select * from {{ ref('prediction_purchases') }}

),

purchases_after as (

    select
        cutoffs.cutoff_date,
        purchases.customer_id,
        purchases.amount,
        {{ dbt.datediff('cutoffs.cutoff_date', 'cast(purchases.purchased_at as date)', 'day') }}
            as days_after
    from purchases
    inner join cutoffs
        on
            purchases.purchased_at >= cutoffs.cutoff_at
            and purchases.purchased_at < {{ dbt.dateadd('day', longest, 'cutoffs.cutoff_at') }}

),

window_stats as (

    select
        purchases_after.cutoff_date,
        purchases_after.customer_id,
        {%- for name, days in horizons.items() %}
            sum(case when purchases_after.days_after <= {{ days }} then 1 else 0 end)
                as orders_next_{{ name }},
        {%- endfor %}
        sum(
            case
                when
                    purchases_after.days_after <= {{ horizons.value }}
                    then purchases_after.amount else
                    0
            end
        )
            as revenue_next_value
    from purchases_after
    group by
        purchases_after.cutoff_date,
        purchases_after.customer_id

),

final as (

    select
        cast(features.cutoff_date as date) as cutoff_date,
        cast(features.customer_id as {{ dbt.type_string() }}) as customer_id,
        case
            when {{ dbt.dateadd('day', horizons.propensity, 'cutoffs.cutoff_date') }}
                <= cutoffs.as_of_date
                then coalesce(window_stats.orders_next_propensity, 0) > 0
        end as purchased_within_propensity_window,
        case
            when
                {{ dbt.dateadd('day', horizons.churn, 'cutoffs.cutoff_date') }}
                <= cutoffs.as_of_date
                and features.orders_count > 0
                then coalesce(window_stats.orders_next_churn, 0) = 0
        end as churned_within_churn_window,
        cast(
            case
                when {{ dbt.dateadd('day', horizons.value, 'cutoffs.cutoff_date') }}
                    <= cutoffs.as_of_date
                    then coalesce(window_stats.orders_next_value, 0)
            end as integer
        ) as orders_within_value_window,
        cast(
            case
                when {{ dbt.dateadd('day', horizons.value, 'cutoffs.cutoff_date') }}
                    <= cutoffs.as_of_date
                    then coalesce(window_stats.revenue_next_value, 0)
            end as decimal(18, 2)
        ) as revenue_within_value_window
    from features
    inner join cutoffs
        on features.cutoff_date = cutoffs.cutoff_date
    left outer join window_stats
        on
            features.cutoff_date = window_stats.cutoff_date
            and features.customer_id = window_stats.customer_id

)

select * from final
