with

source as (

    select * from {{ source('web', 'tracks') }}

),

deduplicated as (

    -- loaders deliver a message at least once: keep the first copy of each message id
    {{ deduplicate('source', partition_by='id', order_by='received_at, sent_at') }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as event_id,
        cast(nullif(trim(anonymous_id), '') as varchar) as anonymous_id,
        cast(nullif(trim(user_id), '') as varchar) as user_id,
        cast(nullif(trim(context_device_id), '') as varchar) as device_id,
        cast(nullif(trim(product_id), '') as varchar) as product_id,
        cast(nullif(trim(cart_id), '') as varchar) as cart_id,
        cast(nullif(trim(order_id), '') as varchar) as order_id,

        ---------- strings
        lower(trim(event)) as event_name,
        upper(nullif(trim(currency), '')) as currency,
        lower(nullif(trim(context_device_type), '')) as device_type,

        ---------- numerics
        cast(quantity as integer) as quantity,
        cast(price as decimal(12, 2)) as unit_price,
        cast(revenue as decimal(12, 2)) as revenue,

        ---------- timestamps
        cast("timestamp" as timestamp) as occurred_at,  -- noqa: RF06
        cast(received_at as timestamp) as received_at

    from deduplicated

)

select * from renamed
