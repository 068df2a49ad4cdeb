{#- One row per cutoff, customer and recommended product (rank 1 = best), at the scoring
    cutoff and at the validation cutoff (propensity_days before it). Item-to-item
    co-occurrence: two products are related when they share baskets (an order, or a
    customer's day of browsing) within history_days before the cutoff, by cosine
    similarity; a customer's candidates are the neighbours of what they bought, added or
    viewed, weighted by interaction (1, 0.6, 0.3) and recency. Products they bought within
    recently_bought_days are never recommended; the most bought products fill up to k. -#}

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

features as (

    select * from {{ ref('prediction_features') }}

),

recommendation_cutoffs as (

    select * from cutoffs
    where days_before_as_of in (0, propensity_days)

),

history as (

    select
        recommendation_cutoffs.cutoff_date,
        product_events.customer_id,
        product_events.product_id,
        product_events.interaction_type,
        product_events.basket_id,
        {{ dbt.datediff(
            'cast(product_events.occurred_at as date)',
            'recommendation_cutoffs.cutoff_date',
            'day'
        ) }}
            as days_ago
    from product_events
    inner join recommendation_cutoffs
        on
            product_events.occurred_at < recommendation_cutoffs.cutoff_at
            and product_events.occurred_at
            >= {{ dbt.dateadd(
                'day', -(rec.history_days | int), 'recommendation_cutoffs.cutoff_at'
            ) }}

),

baskets as (

    select distinct
        history.cutoff_date,
        history.basket_id,
        history.product_id
    from history

),

product_baskets as (

    select
        baskets.cutoff_date,
        baskets.product_id,
        count(*) as baskets
    from baskets
    group by
        baskets.cutoff_date,
        baskets.product_id

),

pairs as (

    select
        left_side.cutoff_date,
        left_side.product_id,
        right_side.product_id as related_product_id,
        count(*) as shared_baskets
    from baskets as left_side
    inner join baskets as right_side
        on
            left_side.cutoff_date = right_side.cutoff_date
            and left_side.basket_id = right_side.basket_id
            and left_side.product_id <> right_side.product_id
    group by
        left_side.cutoff_date,
        left_side.product_id,
        right_side.product_id

),

similarities as (

    select
        pairs.cutoff_date,
        pairs.product_id,
        pairs.related_product_id,
        pairs.shared_baskets
        / sqrt(cast(own.baskets as {{ type_double() }}) * related.baskets) as similarity
    from pairs
    inner join product_baskets as own
        on
            pairs.cutoff_date = own.cutoff_date
            and pairs.product_id = own.product_id
    inner join product_baskets as related
        on
            pairs.cutoff_date = related.cutoff_date
            and pairs.related_product_id = related.product_id

),

neighbours as (

    select *
    from (
        select
            similarities.*,
            row_number() over (
                partition by similarities.cutoff_date, similarities.product_id
                order by similarities.similarity desc, similarities.related_product_id asc
            ) as neighbour_rank
        from similarities
    ) as ranked
    where neighbour_rank <= {{ rec.neighbours | int }}

),

seeds as (

    select
        history.cutoff_date,
        history.customer_id,
        history.product_id,
        -- summed as decimals: exact whatever order the engine adds the rows in, so a
        -- rebuild ranks ties the same way
        sum(
            cast(
                case history.interaction_type
                    when 'purchased' then 1.0
                    when 'added' then 0.6
                    else 0.3
                end / (1 + history.days_ago / 30.0) as decimal(18, 9)
            )
        ) as weight
    from history
    group by
        history.cutoff_date,
        history.customer_id,
        history.product_id

),

recently_bought as (

    select distinct
        history.cutoff_date,
        history.customer_id,
        history.product_id
    from history
    where
        history.interaction_type = 'purchased'
        and history.days_ago < {{ rec.recently_bought_days | int }}

),

co_occurrence as (

    select
        seeds.cutoff_date,
        seeds.customer_id,
        neighbours.related_product_id as product_id,
        sum(cast(seeds.weight * neighbours.similarity as decimal(18, 9))) as score
    from seeds
    inner join neighbours
        on
            seeds.cutoff_date = neighbours.cutoff_date
            and seeds.product_id = neighbours.product_id
    group by
        seeds.cutoff_date,
        seeds.customer_id,
        neighbours.related_product_id

),

popularity as (

    -- the most bought products of the last 90 days: fill-up, and the baseline to beat
    select *
    from (
        select
            history.cutoff_date,
            history.product_id,
            count(distinct history.customer_id) as buyers,
            row_number() over (
                partition by history.cutoff_date
                order by count(distinct history.customer_id) desc, history.product_id
            ) as popularity_rank
        from history
        where
            history.interaction_type = 'purchased'
            and history.days_ago < 90
        group by
            history.cutoff_date,
            history.product_id
    ) as ranked
    where popularity_rank <= {{ k + 10 }}

),

audience as (

    select
        features.cutoff_date,
        features.customer_id
    from features
    inner join recommendation_cutoffs
        on features.cutoff_date = recommendation_cutoffs.cutoff_date

),

co_occurrence_top as (

    -- a customer's best k co-occurrence products they did not buy recently
    select *
    from (
        select
            co_occurrence.*,
            row_number() over (
                partition by co_occurrence.cutoff_date, co_occurrence.customer_id
                order by co_occurrence.score desc, co_occurrence.product_id asc
            ) as co_occurrence_rank
        from co_occurrence
        where
            not exists (
                select 1 from recently_bought
                where
                    recently_bought.cutoff_date = co_occurrence.cutoff_date
                    and recently_bought.customer_id = co_occurrence.customer_id
                    and recently_bought.product_id = co_occurrence.product_id
            )
    ) as ranked
    where co_occurrence_rank <= {{ k }}

),

popular_fill as (

    -- customers with fewer than k: the popular products not already among theirs and not
    -- bought recently
    select
        audience.cutoff_date,
        audience.customer_id,
        popularity.product_id,
        popularity.buyers
    from audience
    inner join popularity
        on audience.cutoff_date = popularity.cutoff_date
    where
        not exists (
            -- a customer whose list reaches rank k is full
            select 1 from co_occurrence_top
            where
                co_occurrence_top.cutoff_date = audience.cutoff_date
                and co_occurrence_top.customer_id = audience.customer_id
                and co_occurrence_top.co_occurrence_rank = {{ k }}
        )
        and not exists (
            select 1 from co_occurrence_top
            where
                co_occurrence_top.cutoff_date = audience.cutoff_date
                and co_occurrence_top.customer_id = audience.customer_id
                and co_occurrence_top.product_id = popularity.product_id
        )
        and not exists (
            select 1 from recently_bought
            where
                recently_bought.cutoff_date = audience.cutoff_date
                and recently_bought.customer_id = audience.customer_id
                and recently_bought.product_id = popularity.product_id
        )

),

candidates as (

    select
        co_occurrence_top.cutoff_date,
        co_occurrence_top.customer_id,
        co_occurrence_top.product_id,
        'co_occurrence' as method,
        1 as method_priority,
        cast(co_occurrence_top.score as {{ type_double() }}) as score
    from co_occurrence_top

    union all

    select
        popular_fill.cutoff_date,
        popular_fill.customer_id,
        popular_fill.product_id,
        'popular' as method,
        2 as method_priority,
        cast(popular_fill.buyers as {{ type_double() }}) as score
    from popular_fill

),

ranked as (

    -- co-occurrence first, then the popular fill-up: at most k + k + 10 rows per customer
    select
        candidates.*,
        row_number() over (
            partition by candidates.cutoff_date, candidates.customer_id
            order by
                candidates.method_priority asc,
                candidates.score desc,
                candidates.product_id asc
        ) as recommendation_rank
    from candidates

),

final as (

    select
        cast(ranked.cutoff_date as date) as cutoff_date,
        cast(ranked.customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(ranked.recommendation_rank as integer) as recommendation_rank,
        cast(ranked.product_id as {{ dbt.type_string() }}) as product_id,
        cast(ranked.method as {{ dbt.type_string() }}) as method,
        cast(ranked.score as {{ type_double() }}) as score
    from ranked
    where ranked.recommendation_rank <= {{ k }}

)

select * from final
