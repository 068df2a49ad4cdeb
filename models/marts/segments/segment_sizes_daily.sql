{#- One row per segment and day from the first entry to the as-of day: members at the end of
    the day, entries and exits that day. Derived from segment_membership_history, which
    survives full refreshes, so this table can be rebuilt any time without losing the past. -#}

{%- set as_of = var('cdp_segments_as_of', none) %}

with recursive

history as (

    select * from {{ ref('segment_membership_history') }}

),

definitions as (

    select * from {{ ref('segment_definitions') }}

),

as_of as (

    select cast({{ segment_as_of(ref('customer_activities'), as_of) }} as timestamp) as as_of_at

),

segments as (

    select definitions.segment_name from definitions
    union
    select history.segment_name from history

),

bounds as (

    -- up to the as-of day, or the latest recorded change if the as-of time was moved back
    select
        cast(min(history.entered_at) as date) as first_date,
        cast(max(coalesce(history.exited_at, history.entered_at)) as date) as last_change_date,
        cast(max(as_of.as_of_at) as date) as as_of_date
    from history
    cross join as_of

),

days as (

    {{ day_series(
        'days', 'size_date', 'bounds', 'bounds.first_date',
        ['bounds.as_of_date', 'bounds.last_change_date']
    ) }}

),

stays as (

    select
        history.segment_name,
        cast(history.entered_at as date) as entered_date,
        cast(history.exited_at as date) as exited_date
    from history

),

final as (

    select
        segments.segment_name,
        days.size_date,
        count(
            case
                when
                    stays.entered_date <= days.size_date
                    and (stays.exited_date is null or stays.exited_date > days.size_date)
                    then 1
            end
        ) as members,
        count(case when stays.entered_date = days.size_date then 1 end) as entered,
        count(case when stays.exited_date = days.size_date then 1 end) as exited
    from segments
    cross join days
    left outer join stays
        on segments.segment_name = stays.segment_name
    group by segments.segment_name, days.size_date

)

select * from final
