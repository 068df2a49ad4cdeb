{#- One row per recommendation method, validated out of time: at the validation cutoff
    (propensity_days before the as-of day), among the customers who bought online in the
    following propensity_days, the share who bought at least one of their top k
    (hit rate at k). `co_occurrence` is prediction_recommendations (filled with popular
    products); `popular` is the baseline: the k products most bought in the 90 days before
    the cutoff that the customer did not buy within recently_bought_days. -#}

{%- set config = predictions_config() %}
{%- set rec = config.recommendations %}
{%- set k = rec.k | int %}

with

cutoffs as (

    select * from {{ ref('prediction_cutoffs') }}

),

product_events as (

    select * from {{ ref('prediction_product_events') }}

),

recommendations as (

    select * from {{ ref('prediction_recommendations') }}

),

validation_cutoff as (

    select * from cutoffs
    where days_before_as_of = propensity_days

),

bought_after as (

    select distinct
        product_events.customer_id,
        product_events.product_id
    from product_events
    inner join validation_cutoff
        on
            product_events.occurred_at >= validation_cutoff.cutoff_at
            and product_events.occurred_at
            < {{ dbt.dateadd(
                'day', 'validation_cutoff.propensity_days', 'validation_cutoff.cutoff_at'
            ) }}
    where product_events.interaction_type = 'purchased'

),

evaluated as (

    -- buyers in the window whom the cutoff already knew (they have recommendations)
    select distinct bought_after.customer_id
    from bought_after
    where exists (
            select 1 from recommendations
            inner join validation_cutoff
                on recommendations.cutoff_date = validation_cutoff.cutoff_date
            where recommendations.customer_id = bought_after.customer_id
        )

),

bought_before as (

    select
        product_events.customer_id,
        product_events.product_id,
        {{ dbt.datediff(
            'cast(product_events.occurred_at as date)', 'validation_cutoff.cutoff_date', 'day'
        ) }}
            as days_ago
    from product_events
    inner join validation_cutoff
        on product_events.occurred_at < validation_cutoff.cutoff_at
    where product_events.interaction_type = 'purchased'

),

popular as (

    select *
    from (
        select
            bought_before.product_id,
            row_number() over (
                order by
                    count(distinct bought_before.customer_id) desc, bought_before.product_id
            ) as popularity_rank
        from bought_before
        where bought_before.days_ago < 90
        group by bought_before.product_id
    ) as ranked
    where popularity_rank <= {{ k + 10 }}

),

baseline as (

    select *
    from (
        select
            evaluated.customer_id,
            popular.product_id,
            row_number() over (
                partition by evaluated.customer_id order by popular.popularity_rank
            ) as recommendation_rank
        from evaluated
        cross join popular
        where not exists (
                select 1 from bought_before
                where
                    bought_before.customer_id = evaluated.customer_id
                    and bought_before.product_id = popular.product_id
                    and bought_before.days_ago < {{ rec.recently_bought_days | int }}
            )
    ) as ranked
    where recommendation_rank <= {{ k }}

),

model as (

    select
        recommendations.customer_id,
        recommendations.product_id
    from recommendations
    inner join validation_cutoff
        on recommendations.cutoff_date = validation_cutoff.cutoff_date

),

model_hits as (

    -- customers who bought one of their recommendations in the window
    select distinct model.customer_id
    from model
    inner join bought_after
        on
            model.customer_id = bought_after.customer_id
            and model.product_id = bought_after.product_id

),

baseline_hits as (

    select distinct baseline.customer_id
    from baseline
    inner join bought_after
        on
            baseline.customer_id = bought_after.customer_id
            and baseline.product_id = bought_after.product_id

),

hits as (

    select
        'co_occurrence' as method,
        evaluated.customer_id,
        model_hits.customer_id is not null as is_hit
    from evaluated
    left outer join model_hits
        on evaluated.customer_id = model_hits.customer_id

    union all

    select
        'popular' as method,
        evaluated.customer_id,
        baseline_hits.customer_id is not null as is_hit
    from evaluated
    left outer join baseline_hits
        on evaluated.customer_id = baseline_hits.customer_id

),

methods as (

    select 'co_occurrence' as method
    union all
    select 'popular' as method

),

final as (

    select
        cast(methods.method as {{ dbt.type_string() }}) as method,
        cast(validation_cutoff.cutoff_date as date) as cutoff_date,
        cast({{ k }} as integer) as k,
        cast(count(hits.customer_id) as integer) as customers_evaluated,
        cast(sum(case when hits.is_hit then 1 else 0 end) as integer) as customers_hit,
        cast(
            case
                when count(hits.customer_id) > 0
                    then sum(case when hits.is_hit then 1.0 else 0.0 end) / count(hits.customer_id)
            end as {{ type_double() }}
        ) as hit_rate
    from methods
    cross join validation_cutoff
    left outer join hits
        on methods.method = hits.method
    group by
        methods.method,
        validation_cutoff.cutoff_date

)

select * from final
