{#- One row per cutoff day. Features of a cutoff read only what happened up to the end of
    its day (before cutoff_at); labels read the days after it. The as-of day is var
    cdp_predictions.as_of_date, else the day of the latest activity, so the same data
    always gives the same cutoffs. -#}

{%- set config = predictions_config() %}

with

activities as (

    select * from {{ ref('customer_activities') }}

),

as_of as (

    {%- if config.as_of_date %}
    select cast('{{ config.as_of_date }}' as date) as as_of_date
    {%- else %}
        select cast(max(activities.occurred_at) as date) as as_of_date
        from activities
    {%- endif %}

),

offsets as (

    {%- for days in prediction_cutoff_offsets() %}
        select {{ days }} as days_before_as_of
        {{- ' union all' if not loop.last }}
    {%- endfor %}

),

final as (

    select
        cast({{ dbt.dateadd('day', '-offsets.days_before_as_of', 'as_of.as_of_date') }} as date)
            as cutoff_date,
        cast(
            {{ dbt.dateadd('day', '1 - offsets.days_before_as_of', 'as_of.as_of_date') }}
            as timestamp
        ) as cutoff_at,
        cast(as_of.as_of_date as date) as as_of_date,
        cast(offsets.days_before_as_of as integer) as days_before_as_of,
        offsets.days_before_as_of = 0 as is_scoring_cutoff,
        cast({{ config.propensity_days | int }} as integer) as propensity_days,
        cast({{ config.churn_days | int }} as integer) as churn_days,
        cast({{ config.value_days | int }} as integer) as value_days
    from as_of
    cross join offsets
    where as_of.as_of_date is not null

)

select * from final
