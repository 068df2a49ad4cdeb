{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['source_name', 'record_id'],
        full_refresh=false
    )
}}

{#- One row per identity record ever resolved, with the customer id it holds: the memory
    that keeps customer ids stable from run to run, a full refresh included (full_refresh
    is off, so `dbt build --full-refresh` keeps it). Each run gives every component an id:
    - a previous id of the component's records, when the component holds the largest share
      of that id's records (on a split, the larger part keeps the id; ties go to the part
      with the first record key);
    - of several such ids (a merge), the oldest (created first; ties: the smaller id);
    - otherwise a new id, derived from the component's first record key.
    Records no longer seen keep their last row. previous_customer_id and change_reason
    (created, record_added, merged, split) say what the last change was; changed_run_id the
    run that made it. -#}

with

components as (

    select * from {{ ref('int_identity__components') }}

),

{%- if is_incremental() %}

previous as (

    select * from {{ this }}

),
{%- else %}

    previous as (

        select
            cast(null as {{ dbt.type_string() }}) as source_name,
            cast(null as {{ dbt.type_string() }}) as record_id,
            cast(null as {{ dbt.type_string() }}) as customer_id,
            cast(null as timestamp) as customer_id_created_at,
            cast(null as timestamp) as assigned_at
        where 1 = 0

    ),
{%- endif %}

component_records as (

    select
        components.source_name,
        components.record_id,
        components.component_id,
        {{ dbt.concat(['components.source_name', "'|'", 'components.record_id']) }} as record_key
    from components

),

component_anchors as (

    select
        component_id,
        min(record_key) as anchor_record_key
    from component_records
    group by component_id

),

previous_ids as (

    select
        component_records.component_id,
        previous.customer_id,
        min(previous.customer_id_created_at) as customer_id_created_at,
        count(*) as record_count
    from component_records
    inner join previous
        on
            component_records.source_name = previous.source_name
            and component_records.record_id = previous.record_id
    group by component_records.component_id, previous.customer_id

),

id_holders as (

    -- the part of each previous id's records that keeps it: the most records
    select
        previous_ids.*,
        row_number() over (
            partition by previous_ids.customer_id
            order by previous_ids.record_count desc, component_anchors.anchor_record_key asc
        ) as holder_rank
    from previous_ids
    inner join component_anchors
        on previous_ids.component_id = component_anchors.component_id

),

kept_ids as (

    -- of the ids a component holds, the oldest survives
    select
        component_id,
        customer_id,
        customer_id_created_at
    from (
        select
            id_holders.*,
            row_number() over (
                partition by id_holders.component_id
                order by id_holders.customer_id_created_at, id_holders.customer_id
            ) as survivor_rank
        from id_holders
        where id_holders.holder_rank = 1
    ) as survivors
    where survivor_rank = 1

),

new_ids as (

    select
        component_anchors.component_id,
        {{ dbt.hash('component_anchors.anchor_record_key') }} as candidate_id,
        {{ dbt.hash("component_anchors.anchor_record_key || '|" ~ invocation_id ~ "'") }}
            as fallback_id
    from component_anchors
    where not exists (
            select 1 from kept_ids
            where kept_ids.component_id = component_anchors.component_id
        )

),

component_ids as (

    select
        component_id,
        customer_id,
        customer_id_created_at,
        false as is_new_id
    from kept_ids

    union all

    -- a new id never reuses one issued before (a record key anchors at most one live id)
    select
        new_ids.component_id,
        case
            when exists (
                    select 1 from previous
                    where previous.customer_id = new_ids.candidate_id
                )
                then new_ids.fallback_id
            else new_ids.candidate_id
        end as customer_id,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp)
            as customer_id_created_at,
        true as is_new_id
    from new_ids

),

assigned as (

    select
        component_records.source_name,
        component_records.record_id,
        component_ids.customer_id,
        component_ids.customer_id_created_at,
        component_ids.is_new_id,
        previous.customer_id as previous_customer_id,
        previous.assigned_at as previous_assigned_at
    from component_records
    inner join component_ids
        on component_records.component_id = component_ids.component_id
    left outer join previous
        on
            component_records.source_name = previous.source_name
            and component_records.record_id = previous.record_id

),

final as (

    select
        assigned.source_name,
        assigned.record_id,
        assigned.customer_id,
        assigned.customer_id_created_at,
        case
            when assigned.previous_customer_id = assigned.customer_id
                then assigned.previous_assigned_at
            else cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp)
        end as assigned_at,
        assigned.previous_customer_id,
        case
            when assigned.previous_customer_id is null and assigned.is_new_id then 'created'
            when assigned.previous_customer_id is null then 'record_added'
            when assigned.previous_customer_id = assigned.customer_id then null
            when exists (
                    select 1 from component_ids
                    where component_ids.customer_id = assigned.previous_customer_id
                ) then 'split'
            else 'merged'
        end as change_reason,
        cast('{{ invocation_id }}' as {{ dbt.type_string() }}) as resolved_run_id,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as resolved_at
    from assigned

)

select * from final
