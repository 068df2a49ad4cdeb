{#- One row per customer scored by cdp-predict who is still a customer (erased and merged-away
    ids drop out): churn and purchase probabilities, predicted value and its percentile,
    the top-k recommended products, and the next best action with its reason. Empty until
    cdp-predict has written scores (rebuild this model after it runs). Rules of the next
    best action, first match wins (thresholds: var cdp_predictions.next_best_action):
    service_follow_up (an open high-priority ticket), win_back_offer (churn probability at
    least win_back_churn), loyalty_reward (predicted value in the top
    loyalty_value_top_percent and churn probability below loyalty_churn_below),
    cross_sell (purchase probability at least cross_sell_propensity and a recommendation),
    else do_nothing. -#}

{%- set config = predictions_config() %}
{%- set rules = config.next_best_action %}
{%- set top_percent = rules.loyalty_value_top_percent | float %}

with

customers as (

    select * from {{ ref('customers') }}

),

customer_metrics as (

    select * from {{ ref('customer_metrics') }}

),

cutoffs as (

    select * from {{ ref('prediction_cutoffs') }}

),

recommendations as (

    select * from {{ ref('prediction_recommendations') }}

),

scores as (

    {{ relation_or_empty(source('predictions', 'customer_prediction_scores'), {
        'customer_id': dbt.type_string(),
        'as_of_date': 'date',
        'churn_probability': type_double(),
        'purchase_probability': type_double(),
        'predicted_value': type_double(),
        'run_id': dbt.type_string(),
        'scored_at': 'timestamp'
    }) }}

),

{% if var('cdp_using_shop', true) -%}
    products as (

        select * from {{ ref('stg_shop__products') }}

    ),
{%- else %}
products as (

    select
        cast(null as {{ dbt.type_string() }}) as product_id,
        cast(null as {{ dbt.type_string() }}) as product_title
    where 1 = 0

),
{%- endif %}

current_recommendations as (

    select
        recommendations.customer_id,
        {{ dbt.listagg(
            'recommendations.product_id', "','", 'order by recommendations.recommendation_rank'
        ) }} as recommended_product_ids,
        max(case when recommendations.recommendation_rank = 1 then recommendations.product_id end)
            as top_product_id
    from recommendations
    inner join cutoffs
        on recommendations.cutoff_date = cutoffs.cutoff_date
    where cutoffs.is_scoring_cutoff
    group by recommendations.customer_id

),

scored as (

    select
        scores.*,
        100 * percent_rank() over (order by scores.predicted_value) as predicted_value_percentile
    from scores
    inner join customers
        on scores.customer_id = customers.customer_id

),

combined as (

    select
        scored.*,
        coalesce(customer_metrics.open_high_priority_tickets, 0) as open_high_priority_tickets,
        current_recommendations.recommended_product_ids,
        current_recommendations.top_product_id,
        products.product_title as top_product_title
    from scored
    left outer join customer_metrics
        on scored.customer_id = customer_metrics.customer_id
    left outer join current_recommendations
        on scored.customer_id = current_recommendations.customer_id
    left outer join products
        on current_recommendations.top_product_id = products.product_id

),

decided as (

    select
        combined.*,
        case
            when combined.open_high_priority_tickets > 0 then 'service_follow_up'
            when combined.churn_probability >= {{ rules.win_back_churn }} then 'win_back_offer'
            when
                combined.predicted_value_percentile >= {{ 100 - top_percent }}
                and coalesce(combined.churn_probability, 0) < {{ rules.loyalty_churn_below }}
                then 'loyalty_reward'
            when
                combined.purchase_probability >= {{ rules.cross_sell_propensity }}
                and combined.top_product_id is not null
                then 'cross_sell'
            else 'do_nothing'
        end as next_best_action
    from combined

),

final as (

    select
        cast(decided.customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(decided.as_of_date as date) as as_of_date,
        cast(decided.churn_probability as {{ type_double() }}) as churn_probability,
        cast(decided.purchase_probability as {{ type_double() }}) as purchase_probability,
        cast(decided.predicted_value as {{ type_double() }}) as predicted_value,
        cast(decided.predicted_value_percentile as {{ type_double() }})
            as predicted_value_percentile,
        cast(decided.recommended_product_ids as {{ dbt.type_string() }}) as recommended_product_ids,
        cast(decided.top_product_id as {{ dbt.type_string() }}) as top_product_id,
        cast(decided.top_product_title as {{ dbt.type_string() }}) as top_product_title,
        cast(decided.next_best_action as {{ dbt.type_string() }}) as next_best_action,
        cast(case decided.next_best_action
            when 'service_follow_up'
                then 'open high-priority support ticket: resolve it before any offer'
            when 'win_back_offer'
                then 'churn probability '
                    || cast(
                        cast(decided.churn_probability as decimal(10, 2)) as {{ dbt.type_string() }}
                    )
                    || ' >= {{ rules.win_back_churn }}'
            when 'loyalty_reward'
                then 'predicted value in the top {{ top_percent | round(0) | int }} % ('
                    || cast(
                        cast(decided.predicted_value as decimal(18, 2)) as {{ dbt.type_string() }}
                    )
                    || ') and churn probability '
                    || cast(
                        cast(coalesce(decided.churn_probability, 0) as decimal(10, 2))
                        as {{ dbt.type_string() }}
                    )
                    || ' < {{ rules.loyalty_churn_below }}'
            when 'cross_sell'
                then 'purchase probability '
                    || cast(
                        cast(decided.purchase_probability as decimal(10, 2))
                        as {{ dbt.type_string() }}
                    )
                    || ' >= {{ rules.cross_sell_propensity }}: offer '
                    || coalesce(decided.top_product_title, decided.top_product_id)
            else 'no rule applies: no open ticket, churn probability below '
                || '{{ rules.win_back_churn }}, value outside the top '
                || '{{ top_percent | round(0) | int }} %, purchase probability below '
                || '{{ rules.cross_sell_propensity }}'
        end as {{ dbt.type_string() }}) as next_best_action_reason,
        cast(decided.run_id as {{ dbt.type_string() }}) as run_id,
        cast(decided.scored_at as timestamp) as scored_at
    from decided

)

select * from final
