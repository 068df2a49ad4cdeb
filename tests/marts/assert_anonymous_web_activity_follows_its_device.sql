{#- Web activity before login names only the browser (anonymous_id): it belongs to the
    customer identity resolution stitched that device (web_devices record) to, and moves with
    it when the stitching changes. Returns every such event held by another customer. -#}

with

activities as (

    select * from {{ ref('customer_activities') }}

),

record_map as (

    select * from {{ ref('int_identity__record_map') }}

),

misplaced as (

    select
        activities.activity_id,
        activities.customer_id,
        record_map.customer_id as device_customer_id
    from activities
    inner join record_map
        on
            record_map.source_name = 'web_devices'
            and activities.anonymous_id = record_map.record_id
    where
        activities.source_name = 'web'
        and activities.record_id is null
        and activities.customer_id is distinct from record_map.customer_id

)

select * from misplaced
