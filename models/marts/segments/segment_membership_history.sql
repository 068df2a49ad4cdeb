{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='membership_id',
        full_refresh=false,
        on_schema_change='append_new_columns',
        post_hook=[
            "{{ delete_where(this, 'customer_id in (
                select customer_id from ' ~ ref('int_privacy__suppressed_customers') ~ '
            )') }}"
        ]
    )
}}
-- depends_on: {{ ref('int_privacy__suppressed_customers') }}
{#- One row per stay of a customer in a segment. Each run compares the current members with
    the open stays: a member without an open stay enters, an open stay without a member
    exits. Closed stays are never touched again, and full_refresh=false keeps the table
    through `dbt build --full-refresh`, so history survives rebuilds of everything else.
    The post-hook removes every stay of a suppressed (erased) customer. -#}

{%- set as_of = var('cdp_segments_as_of', none) %}

with

members as (

    select * from {{ ref('segment_memberships') }}

),

as_of as (

    select cast({{ segment_as_of(ref('customer_activities'), as_of) }} as timestamp) as as_of_at

),

previous_stays as (

    {% if is_incremental() %}
        select * from {{ this }}
    {% else %}
        select
            cast(null as {{ dbt.type_string() }}) as membership_id,
            cast(null as {{ dbt.type_string() }}) as segment_member_id,
            cast(null as {{ dbt.type_string() }}) as segment_name,
            cast(null as {{ dbt.type_string() }}) as customer_id,
            cast(null as timestamp) as entered_at,
            cast(null as timestamp) as exited_at,
            false as is_current
        where 1 = 0
    {% endif %}

),

open_stays as (

    select * from previous_stays
    where exited_at is null

),

last_exits as (

    -- latest exit per member, so a stay never starts before the previous one ended
    select
        previous_stays.segment_member_id,
        max(previous_stays.exited_at) as last_exited_at
    from previous_stays
    where previous_stays.exited_at is not null
    group by previous_stays.segment_member_id

),

exits as (

    -- never before the stay began, even if the as-of time is moved back
    select
        open_stays.membership_id,
        open_stays.segment_member_id,
        open_stays.segment_name,
        open_stays.customer_id,
        open_stays.entered_at,
        case
            when as_of.as_of_at < open_stays.entered_at then open_stays.entered_at
            else as_of.as_of_at
        end as exited_at,
        false as is_current
    from open_stays
    cross join as_of
    where
        not exists (
            select 1 from members
            where members.segment_member_id = open_stays.segment_member_id
        )

),

entries as (

    -- `not exists`, not `left join ... is null`: DuckDB 2.0.0 loses rows of that anti-join
    -- when a second left join follows (seen in this model's unit test).
    -- The run's invocation id makes a re-entry a new stay with its own id; a stay never
    -- starts before the member's previous one ended, even if the as-of time moved back.
    select
        {{ dbt.hash("members.segment_member_id || ':' || '" ~ invocation_id ~ "'") }}
            as membership_id,
        members.segment_member_id,
        members.segment_name,
        members.customer_id,
        case
            when last_exits.last_exited_at > as_of.as_of_at then last_exits.last_exited_at
            else as_of.as_of_at
        end as entered_at,
        cast(null as timestamp) as exited_at,
        true as is_current
    from members
    cross join as_of
    left outer join last_exits
        on members.segment_member_id = last_exits.segment_member_id
    where
        not exists (
            select 1 from open_stays
            where open_stays.segment_member_id = members.segment_member_id
        )

),

final as (

    select * from exits
    union all
    select * from entries

)

select * from final
